// Accessibility (issue 17, item 7): axe-core finds nothing on any main screen, in the light theme or
// the dark one (the app follows prefers-color-scheme, emulated here), with the rules of WCAG 2 A/AA,
// axe's best practices and "Label in Name" (see axe.ts). Each screen is reached as a person would.

import type { Page } from '@playwright/test'
import { axeViolations } from './axe'
import { dropFiles, expect, test } from './fixtures'

const SEED_TITLE = 'Record Number of Deportations Continue Despite U.S. Review of Backlog'
const FIGURES = 'Prosecutorial-discretion review: official figures'
const CSV = 'ice-removals-by-citizenship-top5.csv'

/** axe's findings in the light theme, then in the dark one; the page is left light. */
async function expectNoViolationsInEitherTheme(page: Page): Promise<void> {
  const found: Record<'light' | 'dark', string[]> = { light: [], dark: [] }
  for (const theme of ['light', 'dark'] as const) {
    // Reduced motion: a transition caught half-way would be measured at a colour it never rests at.
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' })
    found[theme] = await axeViolations(page)
  }
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' })
  expect(found).toEqual({ light: [], dark: [] })
}

async function ready(page: Page): Promise<void> {
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' })
  await expect(page.getByTestId('app-ready')).toBeVisible()
}

/** chart.js animates a drawing for up to a second even with reduced motion asked for by the page. */
async function chartSettled(page: Page): Promise<void> {
  await expect(page.getByTestId('chart-canvas').first()).toBeVisible()
  await page.waitForTimeout(1_100)
}

async function newNote(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New note', exact: true }).click()
  const title = page.getByRole('textbox', { name: 'Note title' })
  await title.fill('Review figures')
  await title.press('Enter')
  await page.getByTestId('note-body-input').fill('The review closed **4,403** of 288,361 cases.\n\n- fewer than 2%')
  await expect(page.getByTestId('save-status')).toHaveText('Saved')
}

async function importTwice(page: Page): Promise<void> {
  await dropFiles(page, [CSV])
  const jobs = page.getByTestId('import-job')
  await expect(jobs.first()).toHaveAttribute('data-state', 'done')
  await dropFiles(page, [CSV])
  await expect(jobs).toHaveCount(2)
  await expect(jobs.first().getByTestId('import-outcome')).toHaveAttribute('data-status', 'duplicate')
}

test.describe('Accessibility: axe finds nothing, light or dark', () => {
  test('the home view', async ({ page }) => {
    await ready(page)
    await expectNoViolationsInEitherTheme(page)
  })

  test('search results', async ({ page }) => {
    await ready(page)
    await page.keyboard.press('Control+K')
    await page.getByRole('searchbox', { name: 'Search archive' }).fill('prosecutorial discretion')
    await expect(page.getByTestId('search-hit')).toHaveCount(7)
    await expectNoViolationsInEitherTheme(page)
  })

  test('an article, opened from a search at its matches', async ({ page }) => {
    await ready(page)
    await page.keyboard.press('Control+K')
    await page.getByRole('searchbox', { name: 'Search archive' }).fill('backlog')
    await page.getByTestId('search-hit').filter({ hasText: SEED_TITLE }).click()
    await expect(page.getByTestId('article-body')).toContainText('288,361')
    await expectNoViolationsInEitherTheme(page)
  })

  test('a dataset in the explorer, with a column menu open and a filter applied', async ({ page }) => {
    await ready(page)
    await page.getByTestId('dataset-list-item').filter({ hasText: FIGURES }).click()
    const table = page.getByTestId('dataset-table')
    await expect(table.locator('tbody tr').first()).toBeVisible()
    await expectNoViolationsInEitherTheme(page)

    await table.locator('th[data-label="measure"]').getByTestId('column-menu-button').click()
    const menu = page.getByTestId('column-popover')
    await expect(menu.getByTestId('column-stats')).toBeVisible()
    await menu.getByTestId('facet').filter({ has: page.getByText('cases_reviewed', { exact: true }) }).click()
    await expect(page.getByTestId('row-count')).toHaveText(/ of 43 rows$/)
    await expectNoViolationsInEitherTheme(page)
  })

  test('a saved chart, the question before deleting it, and the dashboard', async ({ page }) => {
    await ready(page)
    await page.getByTestId('chart-list-item').first().click()
    await chartSettled(page)
    await expectNoViolationsInEitherTheme(page)

    await page.getByTestId('chart-delete').click()
    const confirm = page.getByRole('group', { name: 'Confirm deletion' })
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused()
    await expectNoViolationsInEitherTheme(page)
    await confirm.getByRole('button', { name: 'Cancel' }).click()
    await expect(confirm).toBeHidden()

    await page.getByTestId('open-dashboard').click()
    await expect(page.getByTestId('dashboard-card')).toHaveCount(3)
    await chartSettled(page)
    await expectNoViolationsInEitherTheme(page)
  })

  test('the chart builder', async ({ page }) => {
    await ready(page)
    await page.getByTestId('dataset-list-item').filter({ hasText: FIGURES }).click()
    await page.getByTestId('chart-this').click()
    const builder = page.getByTestId('chart-builder')
    await expect(builder).toBeVisible()
    await chartSettled(page)
    await expectNoViolationsInEitherTheme(page)

    // Its filter panel, with a value picked.
    await builder.getByTestId('chart-filter-column').selectOption({ label: 'measure (text)' })
    await builder.getByTestId('facet').filter({ has: page.getByText('cases_reviewed', { exact: true }) }).click()
    await expect(builder.getByTestId('filter-chip')).toHaveCount(1)
    await chartSettled(page)
    await expectNoViolationsInEitherTheme(page)
  })

  test('a note: its editor with the preview, the chart picker, reading it, the export dialog, and undoing its deletion', async ({ page }) => {
    await ready(page)
    await newNote(page)
    await expectNoViolationsInEitherTheme(page)

    await page.getByTestId('note-view').getByRole('button', { name: 'Embed chart…' }).click()
    await expect(page.getByTestId('citation-picker')).toBeVisible()
    await expectNoViolationsInEitherTheme(page)
    await page.getByTestId('citation-picker').getByRole('button').first().click()
    await expect(page.getByTestId('citation-picker')).toBeHidden()
    await expect(page.getByTestId('note-chart')).toBeVisible()
    await chartSettled(page)
    await expectNoViolationsInEitherTheme(page)

    const view = page.getByTestId('note-view')
    await view.getByRole('button', { name: 'Done' }).click()
    await expect(view.getByRole('button', { name: 'Edit' })).toBeVisible()
    await expectNoViolationsInEitherTheme(page)

    await view.getByRole('button', { name: 'Export…' }).click()
    const dialog = page.getByTestId('export-dialog')
    await expect(dialog).toBeVisible()
    await expectNoViolationsInEitherTheme(page)
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()

    // Deleted, with the offer to undo it.
    await view.getByRole('button', { name: 'Delete' }).click()
    await expect(page.getByTestId('note-undo').getByRole('button', { name: 'Undo' })).toBeFocused()
    await expectNoViolationsInEitherTheme(page)
  })

  test('the import panel with results, and the import options dialog', async ({ page }) => {
    await ready(page)
    await importTwice(page)
    await expectNoViolationsInEitherTheme(page)

    await page.getByTestId('import-job').first().getByRole('button', { name: /again with options/ }).click()
    await expect(page.getByRole('dialog')).toBeVisible()
    await expectNoViolationsInEitherTheme(page)
  })
})

interface FocusStop {
  element: string
  /** Whether the pixels round the element differ with focus on it and off it. */
  shows: boolean
}

interface Focused {
  element: string
  /** Focus came back to an element it was on before: the tab order has been gone round. */
  again: boolean
  /** The element's box and 4px round it, cut to the window: where a ring would be drawn. */
  area: { x: number; y: number; width: number; height: number } | null
  /** A text field shows a caret when focused; it must show more than that. */
  textEntry: boolean
}

/** Styles a focus indicator is drawn with, of the element tabbed to last; read on and off focus. */
async function focusLook(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = (globalThis as unknown as { __focusStop: Element }).__focusStop
    const style = getComputedStyle(element)
    return ['outline-style', 'outline-width', 'outline-color', 'box-shadow', 'border-color', 'background-color'].map((property) => style.getPropertyValue(property)).join(' | ')
  })
}

/**
 * Tabs from where focus is until it comes round again (or `limit` stops), and for each stop tells
 * whether focus can be seen: the element and the 4px round it are photographed focused and again
 * after blur(). Chromium keeps its place in the tab order after blur, so the next Tab goes on.
 */
async function tabThrough(page: Page, limit: number): Promise<FocusStop[]> {
  const stops: FocusStop[] = []
  for (let step = 0; step < limit; step++) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate((): Focused | null => {
      const element = document.activeElement
      if (!(element instanceof HTMLElement) || element === document.body) return null
      const scope = globalThis as unknown as { __focusSeen?: WeakSet<Element>; __focusStop: Element }
      const again = (scope.__focusSeen ??= new WeakSet()).has(element)
      scope.__focusSeen.add(element)
      scope.__focusStop = element
      const box = element.getBoundingClientRect()
      const left = Math.max(0, box.left - 4)
      const top = Math.max(0, box.top - 4)
      const right = Math.min(window.innerWidth, box.right + 4)
      const bottom = Math.min(window.innerHeight, box.bottom + 4)
      const label = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40)
      const testId = element.getAttribute('data-testid')
      return {
        element: `${element.tagName.toLowerCase()}${testId === null ? '' : `[data-testid=${testId}]`} “${label}”`,
        again,
        area: right - left > 8 && bottom - top > 8 ? { x: left, y: top, width: right - left, height: bottom - top } : null,
        textEntry: element instanceof HTMLTextAreaElement || (element instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(element.type))
      }
    })
    if (focused === null) continue
    if (focused.again) break
    if (focused.area === null) {
      stops.push({ element: focused.element, shows: false })
      continue
    }
    const lookOn = await focusLook(page)
    const on = await page.screenshot({ clip: focused.area, animations: 'disabled', caret: 'hide' })
    await page.evaluate(() => (globalThis as unknown as { __focusStop: HTMLElement }).__focusStop.blur())
    const lookOff = await focusLook(page)
    const off = await page.screenshot({ clip: focused.area, animations: 'disabled', caret: 'hide' })
    stops.push({ element: focused.element, shows: !on.equals(off) && (!focused.textEntry || lookOn !== lookOff) })
  }
  return stops
}

function expectFocusAlwaysShown(stops: FocusStop[], atLeast: number): void {
  expect(stops.length).toBeGreaterThanOrEqual(atLeast)
  expect(stops.filter((stop) => !stop.shows).map((stop) => stop.element)).toEqual([])
}

test.describe('Keyboard: every stop in the tab order shows where focus is', () => {
  // Two photographs per stop, and a screen has up to about fifty stops.
  test.describe.configure({ timeout: 90_000 })

  test('search results', async ({ page }) => {
    await ready(page)
    await page.keyboard.press('Control+K')
    await page.getByRole('searchbox', { name: 'Search archive' }).fill('prosecutorial discretion')
    await expect(page.getByTestId('search-hit')).toHaveCount(7)
    expectFocusAlwaysShown(await tabThrough(page, 120), 20)
  })

  test('a dataset in the explorer, and its column menu', async ({ page }) => {
    await ready(page)
    await page.getByTestId('dataset-list-item').filter({ hasText: FIGURES }).click()
    await expect(page.getByTestId('dataset-table').locator('tbody tr').first()).toBeVisible()
    expectFocusAlwaysShown(await tabThrough(page, 160), 30)

    const menuButton = page.locator('th[data-label="measure"]').getByTestId('column-menu-button')
    await menuButton.focus()
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('column-stats')).toBeVisible()
    expectFocusAlwaysShown(await tabThrough(page, 80), 5)
  })

  test('a note being edited, and the import panel', async ({ page }) => {
    await ready(page)
    await newNote(page)
    await importTwice(page)
    expectFocusAlwaysShown(await tabThrough(page, 160), 25)

    await page.getByTestId('note-view').getByRole('button', { name: 'Export…' }).click()
    await expect(page.getByTestId('export-dialog')).toBeVisible()
    expectFocusAlwaysShown(await tabThrough(page, 40), 3)
  })

  test('the chart builder', async ({ page }) => {
    await ready(page)
    await page.getByTestId('dataset-list-item').filter({ hasText: FIGURES }).click()
    await page.getByTestId('chart-this').click()
    await expect(page.getByTestId('chart-builder')).toBeVisible()
    expectFocusAlwaysShown(await tabThrough(page, 160), 15)
  })
})
