import { describe, expect, it } from 'vitest'
import { datasetSidebarLines } from '../../../../src/renderer/src/datasets/dataset-sidebar-lines'

describe('a dataset’s lines in the sidebar', () => {
  it('names a sheet whose own name holds "›" whole, under its workbook (review U24-21)', () => {
    expect(datasetSidebarLines({ name: 'dhs › yearbook › Removals › FY2013', sheet: { workbook: 'dhs › yearbook', sheet: 'Removals › FY2013', table: null } })).toEqual({
      title: 'dhs › yearbook',
      sheet: 'Removals › FY2013'
    })
    expect(datasetSidebarLines({ name: 'book › Stacked › Table 39B', sheet: { workbook: 'book', sheet: 'Stacked', table: 'Table 39B' } })).toEqual({ title: 'book', sheet: 'Stacked › Table 39B' })
  })

  it('reads a dataset not from a sheet, or imported before the parts were kept, from its name', () => {
    expect(datasetSidebarLines({ name: 'eoir_cases', sheet: null })).toEqual({ title: 'eoir_cases', sheet: '' })
    expect(datasetSidebarLines({ name: 'book › Table 39', sheet: null })).toEqual({ title: 'book', sheet: 'Table 39' })
  })
})
