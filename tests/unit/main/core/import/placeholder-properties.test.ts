// The titles programs and templates set by themselves are not a document's title; titles that merely
// contain such words are (the extractors' own tests show the effect on whole documents).
import { describe, expect, it } from 'vitest'
import { writtenAuthor, writtenTitle } from '../../../../../src/main/core/import/placeholder-properties'

describe('writtenTitle', () => {
  it('leaves out the titles a program or template set, a deck printed to PDF among them (black-box review B25-13)', () => {
    for (const title of ['Untitled', 'Document1', 'Slide 1', 'slide 12', 'PowerPoint Presentation', 'Presentation1', 'Book1', 'Microsoft PowerPoint - briefing.pptx', 'Microsoft Excel - table 39.xlsx', 'memo.docx', 'DHS Memorandum Template']) {
      expect(writtenTitle(title), title).toBeNull()
    }
  })

  it('keeps a title that only mentions such words', () => {
    for (const title of ['Slide 1 of the ICE briefing on detention', 'Presentations to the immigration court', 'Book of removal orders', 'Table 39']) expect(writtenTitle(title)).toBe(title)
    expect(writtenAuthor('Office of the Administrator')).toBe('Office of the Administrator')
    expect(writtenAuthor('Administrator')).toBeNull()
  })
})
