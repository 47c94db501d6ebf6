// Headings of an article as the reader sets them. The body is plain paragraphs; the archive keeps
// where its headings are beside it (their spans and levels), and a paragraph that starts where a
// heading starts is that heading.

import type { ArticleHeading } from '@shared/model'

/** The reader's own h1 is the article's title, so a document's top headings are set one level below it. */
const LEVELS_BELOW_TITLE = 1
const DEEPEST = 6

/** Per paragraph (given by where it starts in the body): the HTML heading level to set it as (2…6), or null for a paragraph. */
export function paragraphHeadingLevels(headings: readonly ArticleHeading[], paragraphStarts: readonly number[]): (number | null)[] {
  const levels = new Map(headings.map((heading) => [heading.start, heading.level]))
  return paragraphStarts.map((start) => {
    const level = levels.get(start)
    return level === undefined ? null : Math.min(level + LEVELS_BELOW_TITLE, DEEPEST)
  })
}
