import { Parser } from 'htmlparser2'

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'])
/** A sheet name is at most this long (Excel's 31, with room for a caption). */
const MAX_NAME = 80

/**
 * What an HTML page calls each of its tables, in order, as SheetJS reads them into sheets: the
 * table's caption, or else the last heading between it and the table before it ("Sheet 1: Table 39"
 * as LibreOffice saves a workbook as HTML, named "Table 39"). Null for a table with neither, or for
 * every table when the tables found are not `count` (a table nested in another, which SheetJS may
 * count otherwise): names that might be given to the wrong tables are worse than Sheet1, Sheet2.
 */
export function htmlTableNames(html: string, count: number): (string | null)[] {
  const names: (string | null)[] = []
  let depth = 0
  let heading: string | null = null
  let headingText = ''
  let inHeading = false
  let caption: string | null = null
  let inCaption = false
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'table') {
          if (depth === 0) caption = null
          depth++
        } else if (depth === 0 && HEADINGS.has(name)) {
          inHeading = true
          headingText = ''
        } else if (depth === 1 && name === 'caption') {
          inCaption = true
          caption = ''
        }
      },
      ontext(text) {
        if (inHeading) headingText += text
        if (inCaption) caption += text
      },
      onclosetag(name) {
        if (name === 'table' && depth > 0) {
          depth--
          if (depth > 0) return
          names.push(nameOf(caption) ?? nameOf(heading))
          heading = null
        } else if (inHeading && HEADINGS.has(name)) {
          inHeading = false
          heading = headingText
        } else if (name === 'caption') inCaption = false
      }
    },
    { decodeEntities: true, lowerCaseTags: true }
  )
  parser.write(html)
  parser.end()
  if (names.length !== count) return Array.from({ length: count }, () => null)
  // Two tables of one name would be one dataset's name twice: the second keeps its number.
  return names.map((name, index) => (name !== null && names.indexOf(name) === index ? name : null))
}

function nameOf(text: string | null): string | null {
  if (text === null) return null
  const name = text.replace(/\s+/g, ' ').trim().replace(/^Sheet \d+:\s*/, '')
  return name === '' || name.length > MAX_NAME ? null : name
}
