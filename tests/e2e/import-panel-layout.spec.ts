// The import panel takes its own space (issue 17, item 6): open, it is never over search results, a
// dataset or an article, and nothing of theirs runs on under it, at a wide, a laptop and a narrow
// window. Where the window cannot spare a column it docks along the bottom, so the content keeps
// its whole width and only gives up height.

import type { Locator, Page } from '@playwright/test'
import { dropFiles, expect, screenshot, test } from './fixtures'

const CSV = 'ice-removals-by-citizenship-top5.csv'
const SEED_TITLE = 'Record Number of Deportations Continue Despite U.S. Review of Backlog'

interface Box {
  left: number
  top: number
  right: number
  bottom: number
}

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox()
  if (box === null) throw new Error(`${locator.toString()} has no box: it is not shown`)
  return { left: box.x, top: box.y, right: box.x + box.width, bottom: box.y + box.height }
}

function overlap(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom
}

/** The part of `box` inside `within`: what can be seen of a thing scrolled inside the main area. */
function clip(box: Box, within: Box): Box {
  return { left: Math.max(box.left, within.left), top: Math.max(box.top, within.top), right: Math.min(box.right, within.right), bottom: Math.min(box.bottom, within.bottom) }
}

/**
 * The panel and the main area do not overlap, and each content element is seen whole across (its
 * right edge inside the main area, none of it under the panel). Below the fold is scrolling, not
 * covering, so only what the main area shows is compared with the panel.
 */
async function expectClearOfPanel(page: Page, content: Locator[]): Promise<void> {
  const panel = await boxOf(page.getByTestId('import-panel'))
  const main = await boxOf(page.getByRole('main'))
  expect(overlap(panel, main), `the panel ${JSON.stringify(panel)} overlaps the main area ${JSON.stringify(main)}`).toBe(false)
  for (const locator of content) {
    for (const element of await locator.all()) {
      const box = await boxOf(element)
      const name = `${locator.toString()} ${JSON.stringify(box)}`
      expect(box.right, `${name} runs past the main area's right edge ${main.right}`).toBeLessThanOrEqual(main.right + 0.5)
      expect(overlap(clip(box, main), panel), `${name} is under the panel ${JSON.stringify(panel)}`).toBe(false)
    }
  }
}

async function openPanelWithResults(page: Page): Promise<void> {
  await expect(page.getByTestId('app-ready')).toBeVisible()
  await dropFiles(page, [CSV])
  await expect(page.getByTestId('import-job').first()).toHaveAttribute('data-state', 'done')
  await expect(page.getByTestId('import-panel')).toBeVisible()
}

for (const width of [1680, 1280, 900]) {
  test(`at ${width}px wide the open import panel is clear of search results, a dataset and an article`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 })
    await openPanelWithResults(page)

    await page.getByTestId('import-job').first().getByRole('button', { name: `Open ${CSV}` }).click()
    const table = page.getByTestId('dataset-table')
    await expect(table.locator('tbody tr')).toHaveCount(10)
    const main = page.getByRole('main')
    await expectClearOfPanel(page, [main.getByRole('heading', { level: 1 }), page.getByTestId('chart-this'), table.locator('..')])
    await screenshot(page, `88-import-panel-${width}-dataset`)

    await page.keyboard.press('Control+K')
    await page.getByRole('searchbox', { name: 'Search archive' }).fill('prosecutorial discretion')
    await expect(page.getByTestId('search-hit')).toHaveCount(7)
    await expectClearOfPanel(page, [
      page.getByTestId('search-summary'),
      main.getByRole('button', { name: 'Save search' }),
      main.getByRole('button', { name: /^Remove / }),
      page.getByTestId('search-hit')
    ])
    await screenshot(page, `88-import-panel-${width}-search`)

    // The sample datasets whose sources cite the memo are hits too: the article is the one opened.
    await page.locator('[data-testid="search-hit"][data-kind="article"]').filter({ hasText: 'Exercising Prosecutorial Discretion' }).click()
    await expect(page.getByTestId('article-body')).toBeVisible()
    await expectClearOfPanel(page, [main.getByRole('heading', { level: 1 }), page.getByTestId('article-body')])
    await screenshot(page, `88-import-panel-${width}-article`)
  })
}

for (const width of [1280, 900]) {
  test(`at ${width}px wide the import panel docks below the content and takes none of its width`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 })
    await expect(page.getByTestId('app-ready')).toBeVisible()
    // Below 960px the sidebar is folded behind its button (narrow-window.spec.ts).
    if (width < 960) await page.getByRole('button', { name: 'Sidebar', exact: true }).click()
    await page.getByTestId('article-list-item').filter({ hasText: SEED_TITLE }).click()
    const main = page.getByRole('main')
    const closed = await boxOf(main)

    await openPanelWithResults(page)
    const open = await boxOf(main)
    const panel = await boxOf(page.getByTestId('import-panel'))
    expect(open.left).toBe(closed.left)
    expect(open.right).toBe(closed.right)
    expect(panel.top).toBeGreaterThanOrEqual(open.bottom)
    // Still room to read: the content keeps more than half the height it had.
    expect(open.bottom - open.top).toBeGreaterThan((closed.bottom - closed.top) / 2)

    // The table that ran on under the panel (screenshot 21b) is whole beside it at a laptop's width.
    if (width === 1280) {
      await page.getByTestId('import-job').first().getByRole('button', { name: `Open ${CSV}` }).click()
      const frame = page.getByTestId('dataset-table').locator('..')
      await expect(page.getByTestId('dataset-table').locator('tbody tr')).toHaveCount(10)
      const fits = await frame.evaluate((element) => element.scrollWidth <= element.clientWidth)
      expect(fits, 'the whole table fits across its frame').toBe(true)
    }
  })
}
