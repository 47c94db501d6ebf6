// A CSV export and cells a spreadsheet program would run (review R23-23): written as imported by
// default, so the file reads back the same, but counted, so the person can be told; written with a
// leading ' when asked, so Excel and LibreOffice show them as text. Numbers, negative numbers kept
// as text and the "-" marker of statistical tables are none of these.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_IMPORT_OPTIONS } from '../../../../../src/shared/model'
import { exportRowsCsv } from '../../../../../src/main/core/datasets/export-rows-csv'
import { startsLikeFormula } from '../../../../../src/shared/csv-field'
import { importOneFile } from '../../../../../src/main/core/import/import-one-file'
import { tempArchive } from '../../../../helpers/temp-archive'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

// Read as a person's export file would be: written by a FOIA office, cells as they came.
const CSV = [
  'office,note,count,=label',
  'Houston,"=HYPERLINK(""http://example.test/x"",""click"")",12',
  "Miami,+1+cmd|' /C calc'!A0,-",
  'Dallas,@SUM(1),-5',
  'Denver,-2+3,(b)(6)',
  'Austin,plain text,7',
  'Boston,-,+4',
  'Tampa,"\tindented",8'
].join('\n')

async function exported(formulas: 'as-imported' | 'as-text') {
  const made = await tempArchive(false)
  cleanups.push(made.cleanup)
  const path = join(made.dir, 'foia.csv')
  writeFileSync(path, `${CSV}\n`)
  const { db } = made.archive
  const datasetId = (await importOneFile(db, { path, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, () => undefined, null)).id!
  const out = join(made.dir, `out-${formulas}.csv`)
  const result = exportRowsCsv(db, { datasetId, sort: null, filters: [] }, out, false, formulas)
  return { result, text: readFileSync(out, 'utf8'), source: readFileSync(path, 'utf8') }
}

describe('startsLikeFormula', () => {
  it('takes =, @, a tab or a return first, or a sign before anything but a number, for a formula', () => {
    for (const text of ['=1+1', '@SUM(1)', '\tx', '\rx', '+1+cmd', '-2+3', '-A1', '+ x', '- -', '-1e5+cmd', '-e5']) expect(startsLikeFormula(text), JSON.stringify(text)).toBe(true)
    for (const text of ['-', '+', '-5', '+4', '-1,234.5', '-12%', '-3.5e-9', '+1.2E+20', 'plain', '', '(b)(6)', 'a=b', ' =x']) expect(startsLikeFormula(text), JSON.stringify(text)).toBe(false)
  })
})

describe('exportRowsCsv and formulas', () => {
  it('writes them as imported by default and counts them, header included', async () => {
    const { result, text } = await exported('as-imported')
    expect(result).toEqual({ rows: 7, formulaCells: 6 })
    const lines = text.trimEnd().split('\r\n')
    expect(lines[0]).toBe('office,note,count,=label')
    expect(lines[1]).toBe('Houston,"=HYPERLINK(""http://example.test/x"",""click"")",12,')
    expect(lines[2]).toBe("Miami,+1+cmd|' /C calc'!A0,-,")
    expect(lines[6]).toBe('Boston,-,+4,')
  })

  it('marks them with a leading quote when asked, and nothing else', async () => {
    const { result, text } = await exported('as-text')
    expect(result).toEqual({ rows: 7, formulaCells: 6 })
    expect(text.trimEnd().split('\r\n')).toEqual([
      "office,note,count,'=label",
      `Houston,"'=HYPERLINK(""http://example.test/x"",""click"")",12,`,
      "Miami,'+1+cmd|' /C calc'!A0,-,",
      "Dallas,'@SUM(1),-5,",
      "Denver,'-2+3,(b)(6),",
      'Austin,plain text,7,',
      'Boston,-,+4,',
      "Tampa,'\tindented,8,"
    ])
  })
})
