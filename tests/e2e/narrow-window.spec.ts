// A narrow window (review U24-8: half a laptop's screen, 600–900px) gives the main pane the width:
// the sidebar folds away behind a "Sidebar" button in a bar over the pane, opens over the pane by
// mouse or keyboard and closes with Escape or once an item is opened from it, and nothing is wider
// than the window. axe finds nothing with the sidebar folded or open.

import type { Locator, Page } from '@playwright/test'
import { axeViolations } from './axe'
import { dropFiles, expect, screenshot, test } from './fixtures'

const SEED_TITLE = 'Record Number of Deportations Continue Despite U.S. Review of Backlog'
const FIGURES = 'Prosecutorial-discretion review: official figures'

/** Widths of the window, the main pane, and the widest thing the page or a pane would scroll to. */
async function widths(page: Page): Promise<{ window: number; main: number; overflow: string[] }> {
  return page.evaluate(() => {
    const overflow: string[] = []
    const root = document.documentElement
    if (root.scrollWidth > root.clientWidth) overflow.push(`page ${root.scrollWidth} > ${root.clientWidth}`)
    for (const pane of document.querySelectorAll<HTMLElement>('main .pane:not([hidden])')) {
      if (pane.scrollWidth > pane.clientWidth + 1) overflow.push(`pane ${pane.scrollWidth} > ${pane.clientWidth}`)
    }
    return { window: window.innerWidth, main: document.querySelector('main')!.getBoundingClientRect().width, overflow }
  })
}

async function expectRoomyMain(page: Page): Promise<void> {
  const { window, main, overflow } = await widths(page)
  expect(main).toBeGreaterThanOrEqual(window * 0.6)
  expect(overflow).toEqual([])
}

async function expectNoViolations(page: Page): Promise<void> {
  const found: Record<'light' | 'dark', string[]> = { light: [], dark: [] }
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' })
    found[theme] = await axeViolations(page)
  }
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' })
  expect(found).toEqual({ light: [], dark: [] })
}

function sidebar(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Archive' })
}

test.describe('A narrow window', () => {
  test('at 700px the sidebar folds away and opens and closes by keyboard; the pane keeps the width', async ({ page }) => {
    await page.setViewportSize({ width: 700, height: 800 })
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' })
    await expect(page.getByTestId('app-ready')).toBeVisible()
    await expect(sidebar(page)).toBeHidden()
    await expectRoomyMain(page)
    await screenshot(page, '70-narrow-home')
    await expectNoViolations(page)

    // The first stop of the keyboard is the button that opens it.
    const toggle = page.getByRole('button', { name: 'Sidebar', exact: true })
    await page.keyboard.press('Tab')
    await expect(toggle).toBeFocused()
    await expect(toggle).toHaveAttribute('aria-expanded', 'false')
    await page.keyboard.press('Enter')
    await expect(sidebar(page)).toBeVisible()
    await expect(toggle).toHaveAttribute('aria-expanded', 'true')
    // The keyboard goes into it, and Escape gives it back to the button.
    await expect(sidebar(page).locator(':focus')).toHaveCount(1)
    await screenshot(page, '71-narrow-sidebar-open')
    await expectNoViolations(page)
    await page.keyboard.press('Escape')
    await expect(sidebar(page)).toBeHidden()
    await expect(toggle).toBeFocused()
    await expect(toggle).toHaveAttribute('aria-expanded', 'false')

    // Space opens it too; an item opened from it takes the pane, and the sidebar stays folded.
    await page.keyboard.press(' ')
    await expect(sidebar(page)).toBeVisible()
    await sidebar(page).getByTestId('article-list-item').filter({ hasText: SEED_TITLE }).click()
    await expect(sidebar(page)).toBeHidden()
    await expect(page.getByTestId('article-body')).toContainText('288,361')
    await expect(page.getByRole('main')).toBeFocused()
    await expectRoomyMain(page)
    await screenshot(page, '72-narrow-article')

    await toggle.click()
    await sidebar(page).getByTestId('dataset-list-item').filter({ hasText: FIGURES }).click()
    await expect(sidebar(page)).toBeHidden()
    await expect(page.getByTestId('dataset-table')).toBeVisible()
    await expectRoomyMain(page)
    await screenshot(page, '73-narrow-dataset')

    // The search field is in the bar, so results are not under the sidebar; Ctrl+K still finds it.
    await page.keyboard.press('Control+K')
    await expect(page.getByRole('searchbox', { name: 'Search archive' })).toBeFocused()
    await page.keyboard.type('prosecutors')
    await expect(page.getByTestId('search-hit').first()).toBeVisible()
    await expect(sidebar(page)).toBeHidden()
    await expectRoomyMain(page)
    await screenshot(page, '74-narrow-search')
    await expectNoViolations(page)

    // A click outside the open sidebar closes it.
    await toggle.click()
    await expect(sidebar(page)).toBeVisible()
    await page.getByRole('main').click({ position: { x: 600, y: 300 } })
    await expect(sidebar(page)).toBeHidden()
  })

  test('at 600px a note can be written beside nothing; at 1280px the sidebar is docked as before', async ({ page }) => {
    await page.setViewportSize({ width: 600, height: 760 })
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' })
    await expect(page.getByTestId('app-ready')).toBeVisible()
    await page.getByRole('button', { name: 'Sidebar', exact: true }).click()
    await page.getByRole('button', { name: 'New note', exact: true }).click()
    await expect(sidebar(page)).toBeHidden()
    const title = page.getByRole('textbox', { name: 'Note title' })
    await title.fill('Review figures')
    await title.press('Enter')
    await page.getByTestId('note-body-input').fill('The review closed **4,403** of 288,361 cases.')
    await expect(page.getByTestId('save-status')).toHaveText('Saved')
    await expectRoomyMain(page)
    await screenshot(page, '75-narrow-note-600')

    // With the import panel docked under the pane, the open sidebar lies over both.
    await dropFiles(page, ['ice-removals-by-citizenship-top5.csv'])
    await expect(page.getByTestId('import-job').first()).toHaveAttribute('data-state', 'done')
    await page.getByRole('button', { name: 'Sidebar', exact: true }).click()
    await expect(sidebar(page)).toBeVisible()
    const over = await sidebar(page).boundingBox()
    const panel = await page.getByTestId('import-panel').boundingBox()
    expect(over!.y + over!.height).toBeGreaterThanOrEqual(panel!.y + panel!.height - 1)
    await screenshot(page, '76-narrow-panel-and-sidebar-600')
    await page.keyboard.press('Escape')
    await expect(sidebar(page)).toBeHidden()
    await expect(page.getByTestId('import-panel')).toBeVisible()

    await page.setViewportSize({ width: 1280, height: 800 })
    await expect(sidebar(page)).toBeVisible()
    await expect(page.getByRole('button', { name: 'Sidebar', exact: true })).toHaveCount(0)
    await expect(sidebar(page).getByRole('searchbox', { name: 'Search archive' })).toBeVisible()
    // Narrow again: folded, as it was left.
    await page.setViewportSize({ width: 700, height: 800 })
    await expect(sidebar(page)).toBeHidden()
  })
})
