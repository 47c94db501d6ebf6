// The command line's side of "cells kept as written": null tokens only when asked for (and counted),
// every cell written back exactly as imported by export-dataset, and a duplicate that says how to
// import it again.
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { getDataset } from '../../../../src/main/core/datasets/dataset-queries'
import { DelimitedParser } from '../../../../src/main/core/import/delimited/delimited-parser'
import { openArchive } from '../../../../src/main/core/index'
import { cli } from '../../../helpers/cli-in-process'
import { tempDir } from '../../../helpers/temp-archive'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

function folder(): { dir: string; archive: string } {
  const made = tempDir('cli-cells')
  cleanups.push(made.cleanup)
  return { dir: made.dir, archive: join(made.dir, 'cells.casefile') }
}

/** Every cell of a CSV as written, with this project's own RFC 4180 parser. */
function cells(text: string): (string | null)[][] {
  const records: (string | null)[][] = []
  const parser = new DelimitedParser({ delimiter: ',', quote: 'double' }, (fields) => records.push(fields))
  parser.feed(text)
  parser.finish()
  return records
}

// Numbers spelled every way a real export spells them, next to identifiers, redaction markers, empty
// cells and text that needs quoting.
const AWKWARD = [
  'id,amount,share,withheld,code,note',
  '1,8.0,1.50,12,007,"a, b"',
  '2,+3,0.0000001,b6,08123,"quoted ""x"" inside"',
  '3,1e3,8896394.4441846665,(b)(6),A-17,"two',
  'lines"',
  '4,1E3,-0.0,N/A,, padded ',
  '5,-0,.5,b7(C),99999999999999999,',
  '6,12,2.50e-3,,1234567890123456,N/A',
  '7,,1e20,7,0,plain'
].join('\r\n')

describe('casefile import and export-dataset', () => {
  it('writes every cell back exactly as it was imported, while the numbers are stored as numbers', async () => {
    const { dir, archive } = folder()
    const source = join(dir, 'awkward.csv')
    writeFileSync(source, `${AWKWARD}\r\n`)
    const imported = await cli(['--archive', archive, 'import', source, '--json'])
    expect(imported.code).toBe(0)
    const { id, status } = JSON.parse(imported.out) as { id: number; status: string }
    expect(status).toBe('imported')
    const out = join(dir, 'back.csv')
    const exported = await cli(['--archive', archive, 'export-dataset', String(id), '--csv', out])
    expect(exported).toMatchObject({ code: 0, err: '' })
    expect(exported.out).toBe(`Exported 7 rows of dataset #${id} to ${out}\n`)
    const back = cells(readFileSync(out, 'utf8'))
    const original = cells(AWKWARD)
    expect(back).toHaveLength(original.length)
    // Cell by cell, byte for byte (an empty cell is empty either way).
    back.forEach((row, r) => row.forEach((cell, c) => expect(Buffer.from(cell ?? ''), `row ${r + 1}, column ${c + 1}`).toEqual(Buffer.from(original[r]![c] ?? ''))))

    // Stored as numbers all the same: the columns of numbers stay numeric, markers and all.
    const opened = await openArchive(archive, { create: false, seedDir: null, nativeBinding: null })
    try {
      expect(getDataset(opened.db, id)!.columns.map((column) => column.type)).toEqual(['integer', 'real', 'real', 'integer', 'text', 'text'])
    } finally {
      opened.close()
    }
  })

  it('refuses to overwrite a file unless --force, and names what is missing', async () => {
    const { dir, archive } = folder()
    const source = join(dir, 'small.csv')
    writeFileSync(source, 'a,b\n1,2.50\n')
    const { id } = JSON.parse((await cli(['--archive', archive, 'import', source, '--json'])).out) as { id: number }
    const out = join(dir, 'out.csv')
    writeFileSync(out, 'keep me\n')
    const refused = await cli(['--archive', archive, 'export-dataset', String(id), '--csv', out])
    expect(refused.code).toBe(1)
    expect(refused.err).toBe(`casefile: ${out} already exists; choose another name, or add --force to replace it.\n`)
    expect(readFileSync(out, 'utf8')).toBe('keep me\n')
    const forced = await cli(['--archive', archive, 'export-dataset', String(id), '--csv', out, '--force'])
    expect(forced.code).toBe(0)
    expect(readFileSync(out, 'utf8')).toBe('a,b\r\n1,2.50\r\n')
    expect(statSync(out).mode & 0o777).toBe(0o644)

    expect((await cli(['--archive', archive, 'export-dataset', String(id)])).code).toBe(2)
    expect((await cli(['--archive', archive, 'export-dataset', 'x', '--csv', out])).code).toBe(2)
    const missing = await cli(['--archive', archive, 'export-dataset', '999', '--csv', join(dir, 'none.csv')])
    expect(missing).toMatchObject({ code: 1, err: 'casefile: Dataset 999 was not found in this archive.\n' })
  })

  it('reads null tokens only when asked, with --null-token (repeatable), and counts the cells per column', async () => {
    const { dir, archive } = folder()
    const source = join(dir, 'eoir.tsv')
    writeFileSync(source, 'id\tlang\tnote\n1\tN/A\tb6\n2\tSP\tN/A\n3\tN/A\tok\n')
    const plain = await cli(['--archive', archive, 'import', source])
    expect(plain.code).toBe(0)
    expect(plain.out).toMatch(/^imported {2}eoir\.tsv → dataset #\d+ \(3 rows\) in [\d.]+ s\n$/)
    const chosen = await cli(['--archive', archive, 'import', source, '--null-token', 'N/A', '--null-token=b6', '--force'])
    expect(chosen.code).toBe(0)
    expect(chosen.out).toMatch(/^imported {2}eoir\.tsv → dataset #\d+ \(3 rows\) in [\d.]+ s\n {2}read as empty: 2 “N\/A” in lang, 1 “N\/A” in note, 1 “b6” in note\n$/)
    const json = await cli(['--archive', archive, 'import', source, '--null-token', 'N/A', '--force', '--json'])
    expect(JSON.parse(json.out).emptiedCells).toEqual([
      { column: 'lang', token: 'N/A', cells: 2 },
      { column: 'note', token: 'N/A', cells: 1 }
    ])
    expect((await cli(['--archive', archive, 'import', source, '--null-token'])).code).toBe(2)
  })

  it('says how to import the same bytes again when they are already in the archive', async () => {
    const { dir, archive } = folder()
    const source = join(dir, 'twice.csv')
    writeFileSync(source, 'a\n1\n')
    await cli(['--archive', archive, 'import', source])
    const again = await cli(['--archive', archive, 'import', source])
    expect(again.code).toBe(0)
    expect(again.out).toBe(
      'skipped   twice.csv — Already in the archive as dataset “twice”; nothing was added. To import it again (with other options, say), add --force.\n'
    )
  })
})
