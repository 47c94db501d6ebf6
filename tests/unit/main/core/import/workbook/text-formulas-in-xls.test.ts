// Formulas that show text, in an .xls written by LibreOffice: its BIFF8 writer saves their result
// as the number 0 and leaves the text out, so a disclosure marker "D" would become 0. The fixtures
// come from tests/fixtures/import/workbook/libreoffice/make-fixtures.py (supp.fods), converted by
// LibreOffice 7.4 with `soffice --headless --convert-to xls|xlsx|ods`.
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formulaMayGiveText } from '../../../../../../src/main/core/import/workbook/text-formula'
import { readSheets } from './read-sheets'

const fixture = (name: string) => resolve(import.meta.dirname, '../../../../../fixtures/import/workbook/libreoffice', name)

describe('text-valued formulas in an .xls from LibreOffice', () => {
  it('leaves empty, and reports by column, the cells whose formula can give text but whose saved result is 0', async () => {
    const [read] = await readSheets(fixture('supp.xls'), 'xls', null, true)
    expect(read!.labels).toEqual(['Office', 'Raw', 'Published', 'Label', 'Denver rows'])
    expect(read!.rows).toEqual([
      ['Atlanta', '2', null, null, '0'],
      // A row's empty cells at its end are not written out.
      ['Boston', '1250', '1250'],
      ['Chicago', '0', null, null, '0']
    ])
    expect(read!.warnings).toEqual([
      'supp.xls, sheet “Suppressed”: 6 formula cells can show text but this .xls saved 0 for them and no text (as LibreOffice writes .xls): 2 in “Published”, 3 in “Label”, 1 in “Denver rows”; they were left empty. Save the workbook as .xlsx or .ods from LibreOffice or Excel and import that.'
    ])
  })

  it('reads the same sheet saved by LibreOffice as .xlsx and .ods with its text results', async () => {
    for (const [name, format] of [['supp.xlsx', 'xlsx'], ['supp.ods', 'ods']] as const) {
      const [read] = await readSheets(fixture(name), format, null, true)
      expect(read!.rows).toEqual([
        ['Atlanta', '2', 'D', 'FY2012', '0'],
        ['Boston', '1250', '1250', 'Boston office', '0'],
        ['Chicago', '0', '-', 'CHICAGO', '0']
      ])
      expect(read!.warnings).toEqual([])
    }
  })

  it('tells formulas that can give text from those that give numbers', () => {
    for (const text of ['IF(B2<3,"D",B2)', '"FY"&"2012"', 'A3&" office"', 'UPPER(A4)', '_xlfn.IFS(A1>1,"x",TRUE,1)', 'IFERROR(A1/B1,"-")', '(("n/a"))', 'CHOOSE(2,1,"b")', 'IF(A1,1,IF(A2,"x",2))'])
      expect([text, formulaMayGiveText(text)]).toEqual([text, true])
    for (const number of ['COUNTIF(A2:A4,"Denver")', 'B4*2', 'SUM(B2:B4)', 'IF(A1="x",1,2)', 'SUMIF(A:A,">"&B1,C:C)', "'Sheet 1'!A1", 'IF(A1,"1"="1",0)'])
      expect([number, formulaMayGiveText(number)]).toEqual([number, false])
  })
})
