import { Parser } from 'htmlparser2'
import type { MarginText } from './margin-text'

const COMMENTS_PART = 'word/comments.xml'
/** A section's properties, where its headers and footers are named. */
const SECTION = /<(?:[\w.-]+:)?sectPr\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?sectPr>/g
const REFERENCE = /<(?:[\w.-]+:)?(header|footer)Reference\b([^>]*)>/g
const TITLE_PAGE = /<(?:[\w.-]+:)?titlePg\b([^>]*)>/
const EVEN_AND_ODD = /<(?:[\w.-]+:)?evenAndOddHeaders\b([^>]*)>/
const RELATIONSHIP = /<Relationship\b([^>]*)>/g
/** A w:titlePg or w:evenAndOddHeaders is on unless its value says off. */
const OFF = /\bw:val\s*=\s*["'](0|false|off)["']/

function attribute(attributes: string, name: string): string | null {
  return new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes)?.slice(1).find((value) => value !== undefined) ?? null
}

/**
 * The running headers and footers of a .docx, which mammoth leaves out, and its comments, from its
 * parts (`parts`: name to bytes, fields already replaced by their results and hidden text taken
 * out). The headers and footers are those the sections name (w:headerReference, w:footerReference)
 * that Word shows: every page's; the first page's where the section has a title page (w:titlePg);
 * even pages' where the settings say so (w:evenAndOddHeaders). Only what Word shows is read: the
 * text of runs (w:t), tabs and line breaks in them; a field's instructions (w:instrText), deleted
 * text (w:delText) and the fallback copy of a drawing (mc:Fallback, which repeats its text box)
 * are not text.
 */
export function wordMarginText(parts: ReadonlyMap<string, Buffer>): MarginText[] {
  const texts: MarginText[] = []
  for (const { name, kind } of shownMarginParts(parts)) {
    const part = parts.get(name)
    if (part !== undefined) texts.push(...readParagraphs(part.toString('utf8'), kind))
  }
  const comments = parts.get(COMMENTS_PART)
  return comments === undefined ? texts : [...texts, ...readParagraphs(comments.toString('utf8'), 'Comment')]
}

/** The header and footer parts the document's sections show, each once, in the order they are named. */
function shownMarginParts(parts: ReadonlyMap<string, Buffer>): { name: string; kind: 'Header' | 'Footer' }[] {
  const document = parts.get('word/document.xml')?.toString('utf8') ?? ''
  const targets = new Map<string, string>()
  for (const [, attributes] of (parts.get('word/_rels/document.xml.rels')?.toString('utf8') ?? '').matchAll(RELATIONSHIP)) {
    const id = attribute(attributes!, 'Id')
    const target = attribute(attributes!, 'Target')
    if (id !== null && target !== null) targets.set(id, target.startsWith('/') ? target.slice(1) : `word/${target}`)
  }
  const evenSetting = EVEN_AND_ODD.exec(parts.get('word/settings.xml')?.toString('utf8') ?? '')
  const evenPages = evenSetting !== null && !OFF.test(evenSetting[1]!)
  const shown: { name: string; kind: 'Header' | 'Footer' }[] = []
  for (const [, section] of document.matchAll(SECTION)) {
    const titleSetting = TITLE_PAGE.exec(section!)
    const titlePage = titleSetting !== null && !OFF.test(titleSetting[1]!)
    for (const [, which, attributes] of section!.matchAll(REFERENCE)) {
      const type = attribute(attributes!, 'type') ?? 'default'
      const name = targets.get(attribute(attributes!, 'id') ?? '')
      if (name === undefined || (type === 'first' && !titlePage) || (type === 'even' && !evenPages)) continue
      if (!shown.some((part) => part.name === name)) shown.push({ name, kind: which === 'header' ? 'Header' : 'Footer' })
    }
  }
  return shown
}

/**
 * The text of one part: the whole part for a header or footer, each w:comment for comments. A
 * paragraph inside another (a text box's) is its own paragraph.
 */
function readParagraphs(xml: string, kind: MarginText['kind']): MarginText[] {
  const texts: MarginText[] = kind === 'Comment' ? [] : [{ kind, author: null, paragraphs: [] }]
  const open: string[] = []
  let inText = 0
  let inRun = 0
  let skipping = 0
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const local = name.replace(/^[^:]*:/, '')
        if (skipping > 0 || local === 'Fallback') {
          skipping++
          return
        }
        if (local === 'comment' && kind === 'Comment') {
          const author = Object.entries(attrs).find(([key]) => key.replace(/^[^:]*:/, '') === 'author')?.[1]?.trim()
          texts.push({ kind, author: author || null, paragraphs: [] })
        }
        if (local === 'p') open.push('')
        if (local === 't') inText++
        if (local === 'r') inRun++
        if (inRun > 0 && open.length > 0 && (local === 'tab' || local === 'br' || local === 'cr')) open[open.length - 1] += local === 'tab' ? '\t' : '\n'
      },
      ontext(text) {
        if (skipping === 0 && inText > 0 && open.length > 0) open[open.length - 1] += text
      },
      onclosetag(name) {
        const local = name.replace(/^[^:]*:/, '')
        if (skipping > 0) {
          skipping--
          return
        }
        if (local === 't') inText--
        if (local === 'r') inRun--
        if (local === 'p') {
          const paragraph = open.pop()!
          texts.at(-1)?.paragraphs.push(paragraph)
        }
      }
    },
    { xmlMode: true, decodeEntities: true }
  )
  parser.write(xml)
  parser.end()
  return texts
}
