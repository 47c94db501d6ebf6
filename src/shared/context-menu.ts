// The right-click menu. The page decides what was clicked (it alone knows whether a selection lies in
// an article's text); the main process shows the native menu and runs the editing commands itself
// (cut, copy, paste, select all act on the window natively), and answers with the one command that
// only the page can carry out.

import { bool, record, text, type Infer } from './validate'

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
  quotable: bool()
})

export type ContextMenuRequest = Infer<typeof contextMenuRequestValidator>

/** What the page is asked to do; null when the menu was dismissed or an editing command ran. */
export type ContextMenuCommand = 'quote' | 'search' | null

const LABEL_CHARS = 32
const QUERY_CHARS = 200

function flatten(selection: string): string {
  return selection.replace(/\s+/g, ' ').trim()
}

/** The selection as the menu shows it: one line, cut short with an ellipsis. */
export function selectionLabel(selection: string): string {
  const flat = flatten(selection)
  return flat.length > LABEL_CHARS ? `${flat.slice(0, LABEL_CHARS - 1).trimEnd()}…` : flat
}

/**
 * The search "Search the archive for …" runs: the words as one phrase (double quotes dropped, since
 * the query language reads them), cut at a word boundary so a long passage still finds its source.
 */
export function selectionQuery(selection: string): string {
  let words = flatten(selection).replaceAll('"', ' ').replace(/\s+/g, ' ').trim()
  if (words.length > QUERY_CHARS) {
    const cut = words.slice(0, QUERY_CHARS)
    const space = cut.lastIndexOf(' ')
    words = space > 0 ? cut.slice(0, space) : cut
  }
  if (words === '') return ''
  return words.includes(' ') ? `"${words}"` : words
}
