import { describe, expect, it } from 'vitest'
import { paragraphHeadingLevels } from '../../../src/renderer/src/articles/heading-levels'

describe('heading levels in the reader', () => {
  it('sets a paragraph that starts where a heading starts as a heading one level below the title, no deeper than h6', () => {
    const headings = [
      { start: 0, end: 7, level: 1 },
      { start: 30, end: 45, level: 2 },
      { start: 60, end: 70, level: 6 }
    ]
    expect(paragraphHeadingLevels(headings, [0, 9, 30, 47, 60])).toEqual([2, null, 3, null, 6])
  })

  it('sets none for an article kept without headings (imported before they were kept)', () => {
    expect(paragraphHeadingLevels([], [0, 12])).toEqual([null, null])
  })
})
