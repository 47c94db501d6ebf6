import { listNumber } from '../article/render-html-text'
import { TAG, VAL, valueOf } from './word-xml-tags'
import { WORD_NUMBER_FORMATS } from './word-list-formats'

export type NoteKind = 'footnote' | 'endnote'

/** How a Word document numbers its footnotes and its endnotes, each kind on its own. */
export interface WordNoteNumbering {
  /** The number a kind's marks are written in (w:numFmt), and the number its first note gets (w:numStart). */
  format: Record<NoteKind, string>
  start: Record<NoteKind, number>
  /** The notes whose citation is a mark the author wrote after it (w:customMarkFollows), as "footnote-2". */
  customMarks: ReadonlySet<string>
}

/** Word's defaults: footnotes 1, 2, 3; endnotes i, ii, iii. */
const DEFAULT_FORMAT: Record<NoteKind, string> = { footnote: 'decimal', endnote: 'lowerRoman' }
/** Word's "*, †, ‡, §" format, doubled after the fourth note ("**"). */
const CHICAGO = ['*', '†', '‡', '§']
const OFF = new Set(['0', 'false', 'off'])
const ID = /\bw:id\s*=\s*(?:"([^"]*)"|'([^']*)')/
const CUSTOM_MARK = /\bw:customMarkFollows\s*=\s*(?:"([^"]*)"|'([^']*)')/

/**
 * Reads how notes are numbered: the document's settings (settings.xml's w:footnotePr and
 * w:endnotePr), which the last section's own (document.xml's last w:sectPr) overrides; and which
 * citations carry a mark of their own. A document of several sections numbered differently is
 * numbered as its last section says.
 */
export function wordNoteNumbering(documentXml: string, settingsXml: string): WordNoteNumbering {
  const format = { ...DEFAULT_FORMAT }
  const start: Record<NoteKind, number> = { footnote: 1, endnote: 1 }
  const customMarks = new Set<string>()
  const read = (xml: string, inLastSection: boolean): void => {
    const path: string[] = []
    let sections = 0
    const found: { kind: NoteKind; name: string; value: string; section: number }[] = []
    for (const [, closing, name, attributes, selfClosing] of xml.matchAll(TAG)) {
      if (name === undefined) continue
      if (closing === '/') {
        path.pop()
        continue
      }
      if (name === 'sectPr') sections++
      const parent = path.at(-1)
      if ((parent === 'footnotePr' || parent === 'endnotePr') && (name === 'numFmt' || name === 'numStart')) {
        // In a document, only a section's properties number its notes (not a paragraph's or a table's, which hold none).
        if (!inLastSection || path.includes('sectPr')) found.push({ kind: parent === 'footnotePr' ? 'footnote' : 'endnote', name, value: valueOf(attributes!, VAL) ?? '', section: sections })
      }
      if (inLastSection && (name === 'footnoteReference' || name === 'endnoteReference')) {
        const custom = valueOf(attributes!, CUSTOM_MARK)
        const id = valueOf(attributes!, ID)
        if (id !== null && custom !== null && !OFF.has(custom.toLowerCase())) customMarks.add(`${name === 'footnoteReference' ? 'footnote' : 'endnote'}-${id}`)
      }
      if (selfClosing !== '/') path.push(name!)
    }
    for (const setting of found) {
      if (inLastSection && setting.section !== sections) continue
      if (setting.name === 'numFmt' && setting.value !== '') format[setting.kind] = setting.value
      const first = Number(setting.value)
      if (setting.name === 'numStart' && Number.isSafeInteger(first) && first >= 1 && first <= 32767) start[setting.kind] = first
    }
  }
  read(settingsXml, false)
  read(documentXml, true)
  return { format, start, customMarks }
}

/**
 * The `n`th note's number as Word shows it in `format` (w:numFmt); decimal for a format it has no
 * reading of here.
 */
export function noteNumber(n: number, format: string): string {
  if (format === 'chicago') return CHICAGO[(n - 1) % CHICAGO.length]!.repeat(Math.ceil(n / CHICAGO.length))
  return listNumber(n, WORD_NUMBER_FORMATS.get(format) ?? '1')
}
