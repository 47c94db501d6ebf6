import { Parser } from 'htmlparser2'

/** The most text kept from under a table: footnotes are a few lines, a page's footer can be long. */
const MAX_NOTE = 2000
/**
 * Elements whose text is no footnote: scripts, styles, forms' options, and headings, which name the
 * table after them (LibreOffice's "Sheet 2: Returns"; see htmlTableNames).
 */
const UNREAD = new Set(['script', 'style', 'noscript', 'template', 'select', 'option', 'head', 'title', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'])

/**
 * The text an HTML page shows under each of its top-level tables, up to the next table: an agency's
 * "Export to Excel" page puts its footnotes there ("* Requests received after 06/30/2012 appear in
 * the FY2013 log."), and they belong to the table as a workbook's footnotes do. One entry per table,
 * in order, its text on one line; empty where nothing follows.
 */
export function htmlTextAfterTables(html: string): string[] {
  const after: string[] = []
  let depth = 0
  let unread = 0
  let text = ''
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'table') {
          if (depth === 0 && after.length > 0) after[after.length - 1] = clean(text)
          depth++
        } else if (UNREAD.has(name)) unread++
      },
      ontext(chunk) {
        if (depth === 0 && unread === 0 && after.length > 0 && text.length <= MAX_NOTE) text += chunk
      },
      onclosetag(name) {
        if (name === 'table' && depth > 0) {
          depth--
          if (depth === 0) {
            after.push('')
            text = ''
          }
        } else if (UNREAD.has(name) && unread > 0) unread--
        else if (depth === 0 && /^(p|div|br|li|tr)$/.test(name)) text += ' '
      }
    },
    { decodeEntities: true, lowerCaseTags: true }
  )
  parser.write(html)
  parser.end()
  if (after.length > 0) after[after.length - 1] = clean(text)
  return after
}

function clean(text: string): string {
  const kept = text.replace(/\s+/g, ' ').trim()
  return kept.length > MAX_NOTE ? `${kept.slice(0, MAX_NOTE)}…` : kept
}
