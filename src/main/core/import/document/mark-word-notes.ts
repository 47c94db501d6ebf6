import { descendants, textOf, type HtmlElement } from '../article/html-tree'
import { noteMark } from '../../search/note-mark'

/** mammoth's link from a citation to its note: "#footnote-2", "#endnote-1" (the way back is "#footnote-ref-2"). */
const NOTE_LINK = /^#((?:foot|end)note-\d+)$/
const CITED_NUMBER = /^\[(\d+)\]$/

/**
 * mammoth cites a Word note as "[1]" and lists the notes at the end as a numbered list; a cited
 * note becomes its mark in the text ("discretion¹", as an OpenDocument note does: see noteMark) and
 * its text a paragraph opening with the same mark, "¹ text".
 */
export function markWordNotes(root: HtmlElement): void {
  const marks = new Map<string, string>()
  const elements = [...descendants(root)]
  for (const element of elements) {
    const note = element.tag === 'a' ? NOTE_LINK.exec(element.attrs.href ?? '') : null
    const cited = note === null ? null : CITED_NUMBER.exec(textOf(element).trim())
    const mark = cited === null ? null : noteMark(cited[1]!)
    if (note === null || mark === null) continue
    element.children = [mark]
    marks.set(note[1]!, mark)
  }
  for (const element of elements) {
    const mark = element.tag === 'li' ? marks.get(element.attrs.id ?? '') : undefined
    if (mark === undefined) continue
    element.tag = 'div'
    if (element.parent?.tag === 'ol') element.parent.tag = 'div'
    const first = element.children.find((child): child is HtmlElement => typeof child !== 'string' && child.tag === 'p') ?? element
    first.children.unshift(`${mark} `)
  }
}
