// One rule for files named as one kind that are another (review U24-23): when the first bytes say
// plainly what the file is and Casefile reads that kind, it is read as what it is and the result
// says so in a warning; kinds Casefile does not read are refused as before (see not-text-refusal,
// damaged-zips). Before, an .xlsx named .csv was refused with "Rename it to .xlsx and import that"
// while an .xlsx named .ods was read without a word.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import * as XLSX from '@e965/xlsx'
import type { ImportOutcome } from '../../../../../src/shared/model'
import { wordParagraph, writeDocx, writeOdt } from '../../../../helpers/office-documents'
import { importIntoNewArchive } from '../../../../helpers/refused-import'

const fixtures = join(__dirname, '../../../../fixtures/import')
const fixture = (path: string): Buffer => readFileSync(join(fixtures, path))

/** Imports `bytes` as the file `name` into a new archive and returns the outcome and what the archive holds. */
async function importAs(name: string, bytes: Uint8Array): Promise<{ outcome: ImportOutcome; titles: string[]; datasets: string[]; ledger: unknown[] }> {
  const { outcome, db } = await importIntoNewArchive(name, bytes)
  return {
    outcome,
    titles: db.prepare('SELECT title FROM articles').pluck().all() as string[],
    datasets: db.prepare('SELECT name FROM datasets ORDER BY id').pluck().all() as string[],
    ledger: db.prepare('SELECT status, kind, warnings FROM imports').all()
  }
}

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'casefile-content-'))
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

describe('a file whose bytes are another kind Casefile reads', () => {
  it('is read as the workbook it is when named as text, and the result says so', async () => {
    const workbook = fixture('workbook/dhs-yearbook-2013-table-39.xlsx')
    const csv = await importAs('table-39.csv', workbook)
    expect(csv.outcome).toMatchObject({ status: 'imported', kind: 'dataset', rows: 6 })
    expect(csv.outcome.warnings[0]).toBe('table-39.csv is an Excel workbook (.xlsx), not delimited text; it was read as an Excel workbook.')
    expect(csv.datasets).toContain('table-39 › Table 39')
    // The ledger keeps the same words, and the kind the file was read as.
    expect(csv.ledger).toEqual([expect.objectContaining({ status: 'imported', kind: 'dataset', warnings: expect.stringContaining('it was read as an Excel workbook') })])
    const json = await importAs('table-39.json', workbook)
    expect(json.outcome.warnings[0]).toBe('table-39.json is an Excel workbook (.xlsx), not JSON; it was read as an Excel workbook.')
    const ods = await importAs('supp.tsv', fixture('workbook/libreoffice/supp.ods'))
    expect(ods.outcome).toMatchObject({ status: 'imported', kind: 'dataset' })
    expect(ods.outcome.warnings[0]).toBe('supp.tsv is an OpenDocument spreadsheet (.ods), not delimited text; it was read as an OpenDocument spreadsheet.')
  })

  it('is read as the document, PDF or web page it is when named as text', async () => {
    const docx = await importAs('memo.txt', fixture('document/review-memo.docx'))
    expect(docx.outcome).toMatchObject({ status: 'imported', kind: 'article' })
    expect(docx.outcome.warnings[0]).toBe('memo.txt is a Word document (.docx), not plain text; it was read as a Word document.')
    const odt = await importAs('memo.md', fixture('document/review-memo.odt'))
    expect(odt.outcome.warnings[0]).toBe('memo.md is an OpenDocument text (.odt), not plain text; it was read as an OpenDocument text.')
    const pdf = await importAs('article.csv', fixture('article/backlog-article.pdf'))
    expect(pdf.outcome).toMatchObject({ status: 'imported', kind: 'article' })
    expect(pdf.outcome.warnings[0]).toBe('article.csv is a PDF document, not delimited text; it was read as a PDF.')
    const page = await importAs('cases.csv', Buffer.from('<!DOCTYPE html>\n<html><head><title>Case counts</title></head><body><p>Denver closed 401 cases.</p></body></html>'))
    expect(page.outcome).toMatchObject({ status: 'imported', kind: 'article' })
    expect(page.outcome.warnings[0]).toBe('cases.csv is a web page (HTML), not delimited text; it was read as a web page.')
    expect(page.titles).toContain('Case counts')
  })

  it('is read as the other Office kind it is when named as one, in either family', async () => {
    const dir = folder()
    const docx = readFileSync(writeDocx(join(dir, 'memo.docx'), wordParagraph('Memorandum on closures', null, false), { title: null, creator: null, created: null }))
    const odt = readFileSync(writeOdt(join(dir, 'memo.odt'), '<text:p>Memorandum on closures</text:p>', '', ''))
    const book = XLSX.utils.book_new()
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Office', 'Cases'], ['Boston', 12]]), 'Export')
    const xlsx = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer
    const asXlsx = await importAs('docx_as.xlsx', docx)
    expect(asXlsx.outcome).toMatchObject({ status: 'imported', kind: 'article' })
    expect(asXlsx.outcome.warnings[0]).toBe('docx_as.xlsx is a Word document (.docx), not an Excel workbook (.xlsx); it was read as a Word document.')
    const asDocx = await importAs('sheet_as.docx', xlsx)
    expect(asDocx.outcome).toMatchObject({ status: 'imported', kind: 'dataset', rows: 1 })
    expect(asDocx.outcome.warnings[0]).toBe('sheet_as.docx is an Excel workbook (.xlsx), not a Word document (.docx); it was read as an Excel workbook.')
    const asOds = await importAs('text_as.ods', odt)
    expect(asOds.outcome).toMatchObject({ status: 'imported', kind: 'article' })
    // Of the same family, read as it was before, but now said.
    const sameFamily = await importAs('export.ods', xlsx)
    expect(sameFamily.outcome).toMatchObject({ status: 'imported', kind: 'dataset', rows: 1 })
    expect(sameFamily.outcome.warnings[0]).toBe('export.ods is an Excel workbook (.xlsx), not an OpenDocument spreadsheet (.ods); it was read as an Excel workbook.')
  })

  it('is read as the text it is when named as a workbook, a document or a PDF', async () => {
    const csv = await importAs('export.xlsx', Buffer.from('office,closed\nDenver,401\nEl Paso,88\n'))
    expect(csv.outcome).toMatchObject({ status: 'imported', kind: 'dataset', rows: 2 })
    expect(csv.outcome.warnings[0]).toBe('export.xlsx is delimited text (CSV), not an Excel workbook (.xlsx); it was read as a CSV file.')
    const notes = await importAs('notes.docx', Buffer.from('Notes on the review\n\nThe review closed 4,403 cases.\n'))
    expect(notes.outcome).toMatchObject({ status: 'imported', kind: 'article' })
    expect(notes.outcome.warnings[0]).toBe('notes.docx is plain text, not a Word document (.docx); it was read as plain text.')
    expect(notes.titles).toContain('Notes on the review')
    const memo = await importAs('memo.pdf', Buffer.from('Memo on closures\n\nDenver closed 401 cases.\n'))
    expect(memo.outcome.warnings[0]).toBe('memo.pdf is plain text, not a PDF document; it was read as plain text.')
  })

  it('is read as named, without a warning, when the bytes agree with the name', async () => {
    const csv = await importAs('cases.csv', Buffer.from('office,closed\nDenver,401\n'))
    expect(csv.outcome).toMatchObject({ status: 'imported', warnings: [] })
    // Text that quotes a PDF's header is text.
    const note = await importAs('note.txt', Buffer.from('PDF versions\n\nA file starts with %PDF-1.7 when it is one.\n'))
    expect(note.outcome).toMatchObject({ status: 'imported', kind: 'article', warnings: [] })
  })
})
