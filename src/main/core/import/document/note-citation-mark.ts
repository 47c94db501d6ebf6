import { noteMark } from '../../search/note-mark'

/**
 * How a note's citation ("12", "iv", "*") stands in the text: a number as its superscript mark
 * ("¹²", which search reads as a space: see noteMark), anything else in brackets ("[iv]"), so it is
 * not read as part of the word before it.
 */
export function citationMark(citation: string): string {
  return noteMark(citation) ?? `[${citation}]`
}
