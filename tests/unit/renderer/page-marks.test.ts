import { describe, expect, it } from 'vitest'
import type { ArticlePage } from '../../../src/shared/model'
import { lowConfidence, pageAt, pageMarkLabel, paragraphPages } from '../../../src/renderer/src/articles/page-marks'

const PAGES: ArticlePage[] = [
  { page: 1, start: 0, end: 40, method: 'text', confidence: null },
  { page: 3, start: 42, end: 90, method: 'ocr', confidence: 92.6 }
]

describe('page marks', () => {
  it('finds the page that holds an offset, and none before the first page', () => {
    expect(pageAt(PAGES, 0)?.page).toBe(1)
    expect(pageAt(PAGES, 41)?.page).toBe(1)
    expect(pageAt(PAGES, 42)?.page).toBe(3)
    expect(pageAt([{ ...PAGES[1]! }], 10)).toBeNull()
  })

  it('puts a mark before the first paragraph of each page only', () => {
    expect(paragraphPages(PAGES, [0, 20, 42, 60]).map(({ page, opens }) => [page?.page ?? null, opens])).toEqual([
      [1, true],
      [1, false],
      [3, true],
      [3, false]
    ])
  })

  it('says when a page was read by OCR, with its confidence', () => {
    expect(PAGES.map(pageMarkLabel)).toEqual(['p. 1', 'p. 3 · read by OCR, 93% confidence'])
  })

  it('warns of a page OCR read poorly (below 60% confidence)', () => {
    expect(pageMarkLabel({ page: 2, start: 0, end: 10, method: 'ocr', confidence: 35.2 })).toBe('p. 2 · read by OCR, only 35% confidence: compare with the scan')
    expect([35.2, 60, 93].map((confidence) => lowConfidence({ page: 2, start: 0, end: 10, method: 'ocr', confidence }))).toEqual([true, false, false])
    expect(lowConfidence({ page: 2, start: 0, end: 10, method: 'text', confidence: null })).toBe(false)
    expect(pageMarkLabel({ page: 2, start: 0, end: 10, method: 'ocr', confidence: 60 })).toBe('p. 2 · read by OCR, 60% confidence')
  })
})
