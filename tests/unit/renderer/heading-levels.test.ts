import { describe, expect, it } from 'vitest'
import { paragraphHeadingLevels } from '../../../src/renderer/src/articles/heading-levels'

describe('heading levels in the reader', () => {
  it('sets a paragraph that starts where a heading starts as a heading, the top level as h2, below the title', () => {
    const headings = [
      { start: 0, end: 7, level: 1 },
      { start: 30, end: 45, level: 2 },
      { start: 60, end: 70, level: 1 }
    ]
    expect(paragraphHeadingLevels(headings, [0, 9, 30, 47, 60])).toEqual([2, null, 3, null, 2])
  })

  it('leaves no gap in the outline: a document starting at a lower level, or skipping one, is set a level at a time', () => {
    const headings = [
      { start: 0, end: 5, level: 3 },
      { start: 10, end: 15, level: 6 },
      { start: 20, end: 25, level: 4 },
      { start: 30, end: 35, level: 3 }
    ]
    expect(paragraphHeadingLevels(headings, [0, 10, 20, 30])).toEqual([2, 3, 3, 2])
  })

  it('sets none for an article kept without headings (imported before they were kept)', () => {
    expect(paragraphHeadingLevels([], [0, 12])).toEqual([null, null])
  })
})
