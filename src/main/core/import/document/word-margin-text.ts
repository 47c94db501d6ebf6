import { Parser } from 'htmlparser2'
import type { MarginText } from './margin-text'

/** A running header or footer part: word/header1.xml, word/footer2.xml… */
const MARGIN_PART = /^word\/(header|footer)(\d*)\.xml$/
const COMMENTS_PART = 'word/comments.xml'

/**
 * The running headers and footers and the comments of a .docx, which mammoth leaves out, from its
 * parts (`parts`: name to bytes, fields already replaced by their results and hidden text taken
 * out). Only what Word shows is read: the text of runs (w:t), tabs and line breaks in them; a
 * field's instructions (w:instrText), deleted text (w:delText) and the fallback copy of a drawing
 * (mc:Fallback, which repeats its text box) are not text.
 */
export function wordMarginText(parts: ReadonlyMap<string, Buffer>): MarginText[] {
  const margins = [...parts.keys()]
    .map((name) => ({ name, match: MARGIN_PART.exec(name) }))
    .filter((part): part is { name: string; match: RegExpExecArray } => part.match !== null)
    .sort((a, b) => Number(a.match[2] || 0) - Number(b.match[2] || 0))
    .flatMap(({ name, match }) => readParagraphs(parts.get(name)!.toString('utf8'), match[1] === 'header' ? 'Header' : 'Footer'))
  const comments = parts.get(COMMENTS_PART)
  return comments === undefined ? margins : [...margins, ...readParagraphs(comments.toString('utf8'), 'Comment')]
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
