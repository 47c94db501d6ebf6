import type { ArticleFields } from '../parse-article-text'
import { ImportInputError } from '../row-sink'
import { findMainContent } from './find-main-content'
import { parseHtmlTree } from './html-tree'
import { readHtmlMetadata } from './read-html-metadata'
import { removeReservedCharacters } from './remove-reserved-characters'
import { articleBody } from './article-body'
import { renderHtmlText } from './render-html-text'

/**
 * Reduces a saved web page to an article: its metadata and the story's text as plain paragraphs,
 * without menus, share bars, related links, comments or footers. The page is only parsed, never
 * run: scripts, event handlers and embedded frames are dropped, and the result is text.
 */
export function extractHtmlArticle(html: string, fileName: string): ArticleFields {
  const document = parseHtmlTree(html)
  const content = findMainContent(document)
  const metadata = readHtmlMetadata(document, content.root)
  const title = removeReservedCharacters(metadata.title ?? metadata.firstHeading ?? fileName.replace(/\.[^.]+$/, ''))
  const paragraphs = renderHtmlText(content.root, content.dropped, 'collapse')
  // The headline from the page's metadata often opens the story's element too, and is shown once,
  // as the title; a title taken from the story's own first heading stays in its text.
  if (metadata.title !== null && paragraphs.length > 0 && sameText(paragraphs[0]!.text, title, metadata.documentTitle)) paragraphs.shift()
  const { body, headings } = articleBody(paragraphs)
  if (body.trim() === '') throw new ImportInputError(`${fileName} has no readable text.`, null, null)
  return {
    title,
    byline: clean(metadata.byline),
    publisher: clean(metadata.publisher),
    publishedAt: metadata.publishedAt,
    url: metadata.url,
    body,
    headings
  }
}

function sameText(paragraph: string, ...titles: (string | null)[]): boolean {
  const normal = (text: string): string => text.replace(/\s+/g, ' ').trim().toLowerCase()
  return titles.some((title) => title !== null && normal(title) === normal(paragraph))
}

function clean(text: string | null): string | null {
  return text === null ? null : removeReservedCharacters(text) || null
}
