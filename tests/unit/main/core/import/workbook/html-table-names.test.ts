import { describe, expect, it } from 'vitest'
import { htmlTableNames } from '../../../../../../src/main/core/import/workbook/html-table-names'

describe('the names a web page gives its tables', () => {
  it('takes a caption, else the heading before the table, without LibreOffice’s "Sheet N:"', () => {
    const html = '<h1>Overview</h1><h1>Sheet 1: <em>Table 39</em></h1><table><tr><td>1</td></tr></table><h2>Ignored</h2><h3>Returns &amp; removals</h3><table><caption> FY 2013 </caption><tr><td>2</td></tr></table><table><tr><td>3</td></tr></table>'
    expect(htmlTableNames(html, 3)).toEqual(['Table 39', 'FY 2013', null])
  })

  it('names none when the tables found are not the sheets SheetJS read, and names a repeated name once', () => {
    const nested = '<h1>A</h1><table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>'
    expect(htmlTableNames(nested, 2)).toEqual([null, null])
    expect(htmlTableNames('<h1>A</h1><table></table><h1>A</h1><table></table>', 2)).toEqual(['A', null])
  })
})
