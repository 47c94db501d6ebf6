// Arrow-key movement between the items of one list (sidebar sections, search results). Items mark
// themselves with data-nav-item; the list with data-nav-list. Tab still leaves the list.

const ITEM = '[data-nav-item]'

/** Handles ArrowUp/ArrowDown/Home/End on an item; returns true when it moved focus. */
export function moveFocusInList(event: KeyboardEvent): boolean {
  const current = event.currentTarget
  if (!(current instanceof HTMLElement)) return false
  const list = current.closest('[data-nav-list]')
  if (list === null) return false
  const items = Array.from(list.querySelectorAll<HTMLElement>(ITEM))
  const index = items.indexOf(current)
  let next: HTMLElement | undefined
  if (event.key === 'ArrowDown') next = items[index + 1]
  else if (event.key === 'ArrowUp') next = items[index - 1]
  else if (event.key === 'Home') next = items[0]
  else if (event.key === 'End') next = items.at(-1)
  if (next === undefined) return false
  event.preventDefault()
  next.focus()
  return true
}

/** Focuses the first item of the list inside `root`, e.g. ArrowDown from the search field. */
export function focusFirstItem(root: ParentNode): boolean {
  const first = root.querySelector<HTMLElement>(ITEM)
  if (first === null) return false
  first.focus()
  return true
}

/**
 * The one item of a list with a roving tab stop that Tab lands on: the last one focused (while it is
 * still listed), else the open one, else the first; null for an empty list.
 */
export function tabStopKey<T>(items: readonly T[], keyOf: (item: T) => number, focused: number | null, isActive: (item: T) => boolean): number | null {
  if (focused !== null && items.some((item) => keyOf(item) === focused)) return focused
  const chosen = items.find(isActive) ?? items[0]
  return chosen === undefined ? null : keyOf(chosen)
}
