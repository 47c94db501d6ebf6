import type { ArticleHeading } from '@shared/model'
import type { RenderedParagraph } from './render-html-text'

/**
 * An article's body from its paragraphs, a blank line between each, and where its headings lie in
 * it: the body itself stays plain text (what search reads and a quote is a verbatim slice of), and
 * the reader sets the spans given here as headings.
 */
export function articleBody(paragraphs: readonly RenderedParagraph[]): { body: string; headings: ArticleHeading[] } {
  const headings: ArticleHeading[] = []
  let body = ''
  for (const [index, paragraph] of paragraphs.entries()) {
    if (index > 0) body += PARAGRAPH_BREAK
    if (paragraph.heading !== null) headings.push({ start: body.length, end: body.length + paragraph.text.length, level: paragraph.heading })
    body += paragraph.text
  }
  return { body, headings }
}

const PARAGRAPH_BREAK = '\n\n'
