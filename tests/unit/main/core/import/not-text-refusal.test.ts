import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { refusedImport } from '../../../../helpers/refused-import'
import { zipBytes } from '../../../../helpers/write-zip'

// Mislabelled downloads: before, each of these was read as Windows-1252 text and became a dataset
// or an article of compressed bytes and markup ("32 rows", "416 NUL bytes removed").
describe('a file named as text that is another kind of file', () => {
  // An Office file Casefile reads (a workbook named .csv, a Word document named .txt) is read as
  // what it is: see format-by-content.test.ts. One it does not read is refused, saying what it is.
  it('is refused as the Office package it is when Casefile does not read that kind', async () => {
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

  // A PDF or a web page is read as what it is (format-by-content.test.ts); a picture or an RTF is not read.
  it('is refused as a picture or an RTF', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
    expect(await refusedImport('chart.csv', png)).toMatch(/^chart\.csv is a PNG picture, not delimited text; nothing was imported\./)
    expect(await refusedImport('memo.txt', Buffer.from('{\\rtf1\\ansi Removals rose.}'))).toMatch(/^memo\.txt is an RTF document, not plain text;/)
  })
})
