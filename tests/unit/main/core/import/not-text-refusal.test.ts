import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { refusedImport } from '../../../../helpers/refused-import'
import { zipBytes } from '../../../../helpers/write-zip'

const fixtures = join(__dirname, '../../../../fixtures/import')
const fixture = (path: string): Buffer => readFileSync(join(fixtures, path))

// Mislabelled downloads: before, each of these was read as Windows-1252 text and became a dataset
// or an article of compressed bytes and markup ("32 rows", "416 NUL bytes removed").
describe('a file named as text that is another kind of file', () => {
  it('is refused as the Office package it is, with the name to give it, for every text kind', async () => {
    const workbook = fixture('workbook/dhs-yearbook-2013-table-39.xlsx')
    expect(await refusedImport('table-39.csv', workbook)).toBe(
      'table-39.csv is an Excel workbook (.xlsx), not delimited text; nothing was imported. Rename it to .xlsx and import that.'
    )
    expect(await refusedImport('table-39.json', workbook)).toBe('table-39.json is an Excel workbook (.xlsx), not JSON; nothing was imported. Rename it to .xlsx and import that.')
    expect(await refusedImport('memo.txt', fixture('document/review-memo.docx'))).toBe(
      'memo.txt is a Word document (.docx), not plain text; nothing was imported. Rename it to .docx and import that.'
    )
    // OpenDocument is told by its stored `mimetype` entry (LibreOffice's own saves).
    expect(await refusedImport('memo.md', fixture('document/review-memo.odt'))).toBe(
      'memo.md is an OpenDocument text (.odt), not plain text; nothing was imported. Rename it to .odt and import that.'
    )
    expect(await refusedImport('supp.tsv', fixture('workbook/libreoffice/supp.ods'))).toBe(
      'supp.tsv is an OpenDocument spreadsheet (.ods), not delimited text; nothing was imported. Rename it to .ods and import that.'
    )
    expect(await refusedImport('page.html', workbook)).toBe('page.html is an Excel workbook (.xlsx), not a web page; nothing was imported. Rename it to .xlsx and import that.')
    const slides = zipBytes([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'ppt/presentation.xml', data: '<p:presentation/>' }
    ])
    expect(await refusedImport('deck.txt', slides)).toBe(
      'deck.txt is a PowerPoint presentation (.pptx), not plain text; nothing was imported. Casefile does not read presentations; save it as PDF and import that.'
    )
  })

  it('is refused as a zip, or as an Office file when its telling part lies past the first bytes', async () => {
    expect(await refusedImport('export.csv', zipBytes([{ name: 'cases.csv', data: 'a,b\n1,2\n' }]))).toBe(
      'export.csv is a zip archive, not delimited text; nothing was imported. Unzip it and import the files it holds.'
    )
    const late = zipBytes([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'xl/media/image1.png', data: randomBytes(96 * 1024) },
      { name: 'xl/workbook.xml', data: '<workbook/>' }
    ])
    expect(await refusedImport('late.csv', late)).toBe(
      'late.csv is an Office file (a zip package), not delimited text; nothing was imported. Rename it to what it is (.xlsx, .docx) and import that.'
    )
  })

  it('is refused as a PDF, a picture, an RTF or a web page', async () => {
    const pdf = fixture('article/backlog-article.pdf')
    expect(await refusedImport('article.csv', pdf)).toBe('article.csv is a PDF document, not delimited text; nothing was imported. Rename it to .pdf and import that.')
    expect(await refusedImport('article.txt', pdf)).toBe('article.txt is a PDF document, not plain text; nothing was imported. Rename it to .pdf and import that.')
    expect(await refusedImport('article.ndjson', pdf)).toBe('article.ndjson is a PDF document, not JSON; nothing was imported. Rename it to .pdf and import that.')
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
    expect(await refusedImport('chart.csv', png)).toMatch(/^chart\.csv is a PNG picture, not delimited text; nothing was imported\./)
    expect(await refusedImport('memo.txt', Buffer.from('{\\rtf1\\ansi Removals rose.}'))).toMatch(/^memo\.txt is an RTF document, not plain text;/)
    expect(await refusedImport('cases.csv', Buffer.from('<!DOCTYPE html>\n<html><body><table><tr><td>1</td></tr></table></body></html>'))).toBe(
      'cases.csv is a web page (HTML), not delimited text; nothing was imported. Rename it to .html and import that.'
    )
  })
})
