// Headings of an article as the reader sets them. The body is plain paragraphs; the archive keeps
// where its headings are beside it (their spans and levels), and a paragraph that starts where a
// heading starts is that heading.

import type { ArticleHeading } from '@shared/model'

/** The reader's own h1 is the article's title; the body's headings go below it. */
const TITLE_LEVEL = 1
const DEEPEST = 6

/**
 * Per paragraph (given by where it starts in the body): the HTML heading level to set it as (2…6),
 * or null for a paragraph. The document's top level is set as h2, and no heading is set more than
 * one level below the one before it (a memo whose first heading is a "Heading 3" still reads h2),
 * so the reader's outline has no gaps for a screen reader to stumble on.
 */
export function paragraphHeadingLevels(headings: readonly ArticleHeading[], paragraphStarts: readonly number[]): (number | null)[] {
  const levels = new Map(headings.map((heading) => [heading.start, heading.level]))
  const top = Math.min(...headings.map((heading) => heading.level))
  let previous = TITLE_LEVEL
  return paragraphStarts.map((start) => {
    const level = levels.get(start)
    if (level === undefined) return null
    previous = Math.min(level - top + TITLE_LEVEL + 1, previous + 1, DEEPEST)
    return previous
  })
}
