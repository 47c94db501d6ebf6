import { tick } from 'svelte'

/**
 * Moves the keyboard to the main pane once what was just opened there is drawn. For an item opened
 * from outside the pane (the Imports panel's "Open"): focus left on the button made Tab walk the
 * rest of the panel and the whole sidebar before reaching the item.
 */
export async function focusMain(): Promise<void> {
  await tick()
  document.querySelector<HTMLElement>('main')?.focus({ preventScroll: true })
}
