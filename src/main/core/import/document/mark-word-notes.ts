import { descendants, textOf, type HtmlElement } from '../article/html-tree'
import { citationMark } from './note-citation-mark'
import { noteNumber, type NoteKind, type WordNoteNumbering } from './word-note-numbering'

/** mammoth's link from a citation to its note: "#footnote-2", "#endnote-1" (the way back is "#footnote-ref-2"). */
const NOTE_LINK = /^#((foot|end)note-(-?\d+))$/
const CITED_NUMBER = /^\[(\d+)\]$/

/**
 * mammoth cites a Word note as "[1]", counting footnotes and endnotes together, and lists the notes
 * at the end as one numbered list. A cited note becomes its mark in the text as Word numbers it
 * (`numbering`): footnotes and endnotes each counted on their own, in their own format, footnotes
 * 1, 2, 3 and endnotes i, ii, iii unless the document says otherwise; a number as a superscript
 * ("discretion¹", as an OpenDocument note: see citationMark), another mark in brackets ("audit[ii]").
 * Its text becomes a paragraph opening with the same mark, "¹ text". A citation whose mark the author
 * wrote after it (w:customMarkFollows: "sharply*") is that mark alone, and is not counted; its note's
 * text opens with the mark as the author wrote it. Footnotes are listed before endnotes.
 */
export function markWordNotes(root: HtmlElement, numbering: WordNoteNumbering): void {
  const marks = new Map<string, string | null>()
  const counted: Record<NoteKind, number> = { footnote: 0, endnote: 0 }
  const elements = [...descendants(root)]
  for (const element of elements) {
    const note = element.tag === 'a' ? NOTE_LINK.exec(element.attrs.href ?? '') : null
    if (note === null || CITED_NUMBER.exec(textOf(element).trim()) === null) continue
    const id = note[1]!
    const kind: NoteKind = note[2] === 'foot' ? 'footnote' : 'endnote'
    if (numbering.customMarks.has(id)) {
      element.children = []
      if (!marks.has(id)) marks.set(id, null)
      continue
    }
    // A note cited again keeps its mark.
    let mark = marks.get(id)
    if (mark === undefined || mark === null) {
      counted[kind]++
      mark = citationMark(noteNumber(numbering.start[kind] + counted[kind] - 1, numbering.format[kind]))
      marks.set(id, mark)
    }
    element.children = [mark]
  }
  const lists = new Set<HtmlElement>()
  for (const element of elements) {
    const id = element.tag === 'li' ? (element.attrs.id ?? '') : ''
    if (!marks.has(id)) continue
    const mark = marks.get(id)
    element.tag = 'div'
    if (element.parent?.tag === 'ol') {
      element.parent.tag = 'div'
      lists.add(element.parent)
    }
    if (mark === null || mark === undefined) continue
    const first = element.children.find((child): child is HtmlElement => typeof child !== 'string' && child.tag === 'p') ?? element
    first.children.unshift(`${mark} `)
  }
  // Word prints footnotes on their pages and endnotes after the text: footnotes come first.
  for (const list of lists) {
    const isEndnote = (child: HtmlElement | string): boolean => typeof child !== 'string' && /^endnote-/.test(child.attrs.id ?? '')
    list.children = [...list.children.filter((child) => !isEndnote(child)), ...list.children.filter(isEndnote)]
  }
}
