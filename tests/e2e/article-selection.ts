// Selecting text in the article reader the way a person does, for the specs that quote, search or
// right-click a passage.

import type { Page } from '@playwright/test'
import { expect } from './fixtures'

/** Selects words of the article body as a person would, by dragging the mouse across them. */
export async function dragSelect(page: Page, words: string): Promise<void> {
  const ends = await page.evaluate((text) => {
    const body = document.querySelector('[data-testid="article-body"]') as HTMLElement
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const at = (node.textContent ?? '').indexOf(text)
      if (at < 0) continue
      const first = document.createRange()
      first.setStart(node, at)
      first.setEnd(node, at + 1)
      const last = document.createRange()
      last.setStart(node, at + text.length - 1)
      last.setEnd(node, at + text.length)
      first.startContainer.parentElement?.scrollIntoView({ block: 'center' })
      const a = first.getBoundingClientRect()
      const b = last.getBoundingClientRect()
      return { x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2 }
    }
    throw new Error(`"${text}" is not in the article body`)
  }, words)
  await page.mouse.move(ends.x1, ends.y1)
  await page.mouse.down()
  await page.mouse.move((ends.x1 + ends.x2) / 2, ends.y2, { steps: 4 })
  await page.mouse.move(ends.x2, ends.y2, { steps: 4 })
  await page.mouse.up()
  expect(await page.evaluate(() => document.getSelection()?.toString())).toBe(words)
}


/** Where the current selection ends on screen: a right-click there lands on the selected words. */
export async function selectionEnd(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(() => {
    const rects = document.getSelection()?.getRangeAt(0).getClientRects()
    const last = rects?.[rects.length - 1]
    if (last === undefined) throw new Error('nothing is selected')
    return { x: last.right - 4, y: last.top + last.height / 2 }
  })
}
