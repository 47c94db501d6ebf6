import type { ArticleHeading } from '@shared/model'

export interface ArticleFields {
  title: string
  byline: string | null
  publisher: string | null
  publishedAt: string | null
  url: string | null
  body: string
  /** Where the body's headings are, for sources that mark them (HTML, Word, OpenDocument). */
  headings: ArticleHeading[]
}

const MONTHS: Record<string, string> = {
  jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06',
  jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12'
}

// `KEY: value`, where the key may carry a remark in parentheses: `SOURCE READ (stored copy): …`.
const HEADER_LINE = /^([A-Z][A-Z /&-]{1,40}?)\s*(?:\([^)]*\))?:\s*(.*)$/
const RULE_LINE = /^[-=_]{10,}\s*$/
const BYLINE_WITH_DATE = /^By\s+(.+?)\s+([A-Z][a-z]{2})[a-z]*\.? (\d{1,2}), (\d{4})\s*$/
const ISO_DATE = /^(\d{4}-\d{2}-\d{2})/
const URL = /https?:\/\/[^\s)>"]+/

function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n')
}

function stripTitle(line: string): string {
  return line.replace(/^#+\s*/, '').trim()
}

/**
 * A plain-text document whose first lines are `KEY: value` pairs closed by a rule of dashes
 * (the form of the government texts in the sample archive).
 */
function parseHeaderBlock(lines: string[]): ArticleFields | null {
  const rule = lines.findIndex((line) => RULE_LINE.test(line))
  if (rule < 1 || rule > 40) return null
  const header = lines.slice(0, rule)
  if (!header.every((line) => line.trim() === '' || HEADER_LINE.test(line) || /^\s/.test(line))) return null
  const fields = new Map<string, string>()
  for (const line of header) {
    const match = HEADER_LINE.exec(line)
    if (match) fields.set(match[1]!.trim(), match[2]!.trim())
  }
  const title = fields.get('TITLE')
  if (!title) return null
  const date = ISO_DATE.exec(fields.get('DATE') ?? '')
  const url = URL.exec(fields.get('ORIGINAL') ?? '') ?? URL.exec(fields.get('SOURCE READ') ?? '')
  // The rest of the header (document type, completeness, where it was read) is provenance a reader
  // needs, so it opens the body instead of being thrown away.
  const provenance = header.filter((line) => !line.startsWith('TITLE:')).join('\n').trim()
  const rest = lines.slice(rule + 1).join('\n').trim()
  return {
    title,
    byline: fields.get('AUTHOR/AGENCY') || null,
    publisher: null,
    publishedAt: date ? date[1]! : null,
    url: url ? url[0] : null,
    body: provenance ? `${provenance}\n\n${rest}` : rest,
    headings: []
  }
}

/**
 * Title on the first line, which stays in the body too (it is the text's opening line, not a field
 * the file names); optionally a "By Name Mon DD, YYYY" line among the next few.
 */
function parseLooseText(lines: string[], fallbackTitle: string): ArticleFields {
  const first = lines.findIndex((line) => line.trim() !== '')
  if (first < 0) return { title: fallbackTitle, byline: null, publisher: null, publishedAt: null, url: null, body: '', headings: [] }
  const title = stripTitle(lines[first]!) || fallbackTitle
  let byline: string | null = null
  let publishedAt: string | null = null
  const bodyLines = lines.slice(first)
  for (let i = 1; i < Math.min(bodyLines.length, 9); i++) {
    const match = BYLINE_WITH_DATE.exec(bodyLines[i]!.trim())
    const month = match ? MONTHS[match[2]!.toLowerCase()] : undefined
    if (match && month) {
      byline = match[1]!
      publishedAt = `${match[4]}-${month}-${match[3]!.padStart(2, '0')}`
      bodyLines.splice(i, 1)
      break
    }
  }
  return { title, byline, publisher: null, publishedAt, url: null, body: bodyLines.join('\n').trim(), headings: [] }
}

/** Reads title, byline, date and URL from a .txt or .md article; the body keeps its paragraphs. */
export function parseArticleText(text: string, fileName: string): ArticleFields {
  const lines = normaliseNewlines(text).split('\n')
  const fallbackTitle = fileName.replace(/\.[^.]+$/, '')
  return parseHeaderBlock(lines) ?? parseLooseText(lines, fallbackTitle)
}
