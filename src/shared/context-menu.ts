// The right-click menu. The page decides what was clicked (it alone knows whether a selection lies in
// an article's text); the main process shows the native menu and runs the editing commands itself
// (cut, copy, paste, select all act on the window natively), and answers with the one command that
// only the page can carry out.

import { bool, int, record, text, type Infer } from './validate'

/** Longer selections still search; the label and the query keep their start. */
export const MAX_MENU_SELECTION = 10_000

/** A selection as the menu request carries it: a whole article selected still fits the contract. */
export function menuSelection(selected: string): string {
  return selected.slice(0, MAX_MENU_SELECTION)
}

export const contextMenuRequestValidator = record({
  /** The selected text, '' when nothing is selected. */
  selection: text(MAX_MENU_SELECTION),
  /** The click was in a text field: Cut and Paste apply. */
  editable: bool(),
  /** The selection lies in an article's text, so it can be quoted into a note. */
  quotable: bool(),
  /**
   * Where the menu opens, in the window's CSS pixels: the pointer, or for the keyboard's menu key the
   * place Chromium gives the event (the focused element), so the menu never appears far from it.
   */
  x: int(0, 100_000),
  y: int(0, 100_000)
})

export type ContextMenuRequest = Infer<typeof contextMenuRequestValidator>

/** What the page is asked to do; null when the menu was dismissed or an editing command ran. */
export type ContextMenuCommand = 'quote' | 'search' | null

const LABEL_CHARS = 32
const QUERY_CHARS = 200

/**
 * The selection as one line of plain characters: control characters and the invisible marks that
 * reorder text (a right-to-left override in a file name, say) become spaces, runs of space one.
 */
function flatten(selection: string): string {
  return selection.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g, ' ').replace(/\s+/g, ' ').trim()
}

/** The first `count` characters, counting an emoji or any character beyond U+FFFF as one. */
function firstCharacters(text: string, count: number): string {
  return Array.from(text).slice(0, count).join('')
}

/** The selection as the menu shows it: one line, cut short with an ellipsis. */
export function selectionLabel(selection: string): string {
  const flat = flatten(selection)
  return Array.from(flat).length > LABEL_CHARS ? `${firstCharacters(flat, LABEL_CHARS - 1).trimEnd()}…` : flat
}

/**
 * The search "Search the archive for …" runs: the words as one phrase, so that nothing selected is
 * read as the query language's own syntax (a lone OR, -word, kind:data, prefix*). Double quotes are
 * dropped, since they would end the phrase; a long passage is cut at a word boundary so it still
 * finds its source. Empty when nothing searchable was selected.
 */
export function selectionQuery(selection: string): string {
  let words = flatten(selection).replaceAll('"', ' ').replace(/\s+/g, ' ').trim()
  if (words.length > QUERY_CHARS) {
    const cut = firstCharacters(words, QUERY_CHARS)
    const space = cut.lastIndexOf(' ')
    words = space > 0 ? cut.slice(0, space) : cut
  }
  return words === '' ? '' : `"${words}"`
}
