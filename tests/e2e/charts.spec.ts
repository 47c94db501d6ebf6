// Charts (issue 5): build one by clicking from a dataset ("Chart this": type, x with a date bucket,
// y as an aggregate of a column, a series per measure, a filter picked from the values), see it
// drawn (its canvas read back pixel by pixel), save it, find it in the sidebar, reopen, edit,
// duplicate, export and delete it; and the review dashboard with every saved chart captioned with its
// sources. Runs against the seeded sample archive, which holds three saved charts.

import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Download, Locator, Page } from '@playwright/test'
import { expect, screenshot, SCREENSHOT_DIR, test } from './fixtures'

const FIGURES = 'Prosecutorial-discretion review: official figures'
const CLOSURE_RATE = 'Review: closure rate on 29 May 2012'
const REMOVALS = 'ICE removals by fiscal year, FY2005–FY2018'

/** Pixels the chart has drawn at all, and pixels in its first series' colour (#1f77b4). */
async function ink(canvas: Locator): Promise<{ drawn: number; series: number }> {
  return canvas.evaluate((element) => {
    const source = element as HTMLCanvasElement
    const copy = document.createElement('canvas')
    copy.width = source.width
    copy.height = source.height
    const context = copy.getContext('2d')
    if (context === null) return { drawn: 0, series: 0 }
    context.drawImage(source, 0, 0)
    const { data } = context.getImageData(0, 0, copy.width, copy.height)
    let drawn = 0
    let series = 0
    for (let at = 0; at < data.length; at += 4) {
      const [r, g, b, a] = [data[at]!, data[at + 1]!, data[at + 2]!, data[at + 3]!]
      if (a > 0) drawn++
      if (a > 200 && Math.abs(r - 31) < 40 && Math.abs(g - 119) < 40 && Math.abs(b - 180) < 40) series++
    }
    return { drawn, series }
  })
}

async function expectDrawn(figure: Locator): Promise<void> {
  const canvas = figure.getByTestId('chart-canvas')
  await expect(canvas).toBeVisible()
  await expect.poll(async () => (await ink(canvas)).series, { message: 'the chart’s first series is drawn' }).toBeGreaterThan(150)
}

async function start(page: Page): Promise<void> {
  // Charts draw without animation, so what is read back is the finished drawing.
  await page.emulateMedia({ reducedMotion: 'reduce' })
  await expect(page.getByTestId('app-ready')).toBeVisible()
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const waiting = page.waitForEvent('download')
  await click()
  const download = await waiting
  const path = await download.path()
  return { download, bytes: readFileSync(path) }
}

test.describe('Charts', () => {
  test('builds a chart by clicking, sees it drawn, saves it, finds it in the sidebar and reopens it', async ({ page }) => {
    await start(page)
    const sidebarCharts = page.getByTestId('chart-list-item')
    await expect(sidebarCharts).toHaveCount(3)
    await page.getByTestId('dataset-list-item').filter({ hasText: FIGURES }).click()
    await page.getByTestId('chart-this').click()

    const builder = page.getByTestId('chart-builder')
    await expect(page.getByRole('main').getByText('New chart', { exact: true })).toBeVisible()
    // A first draft is drawn at once: dates by month against the sum of the figures.
    await expect(builder.getByTestId('chart-x')).toHaveValue('0')
    await expect(builder.getByTestId('chart-bucket')).toHaveValue('month')
    await expect(builder.getByTestId('chart-bucket').locator('option')).toContainText(['US fiscal year (Oct–Sep)'])
    const figure = page.getByTestId('chart-figure')
    await expect(figure.getByTestId('chart-canvas')).toBeVisible()

    // Choose: bars; each report date as it is; the highest value; one series per measure; two measures.
    await builder.getByRole('radio', { name: 'Bars', exact: true }).click()
    await expect(builder.getByRole('radio', { name: 'Bars', exact: true })).toHaveAttribute('aria-checked', 'true')
    await builder.getByTestId('chart-bucket').selectOption('')
    await builder.getByTestId('chart-aggregate').selectOption('max')
    await expect(builder.getByTestId('chart-y')).toHaveValue('3')
    await builder.getByTestId('chart-series').selectOption({ label: 'measure (text)' })
    await builder.getByTestId('chart-top').fill('2')
    await builder.getByTestId('chart-top').press('Tab')
    await builder.getByTestId('chart-filter-column').selectOption({ label: 'measure (text)' })
    const values = builder.getByTestId('facet')
    await values.filter({ has: page.getByText('cases_reviewed', { exact: true }) }).click()
    await values.filter({ has: page.getByText('cases_closed', { exact: true }) }).click()
    await expect(builder.getByTestId('filter-chip')).toHaveText(['measure is “cases_reviewed” or “cases_closed”'])
    await builder.getByTestId('chart-title').fill('Cases reviewed and closed, by report date')
    await builder.getByTestId('chart-name').fill('Reviewed and closed')

    await expect(page.getByRole('main').getByRole('status').filter({ hasText: /^Drawn from \d+ rows/ })).toBeVisible()
    await expectDrawn(figure)
    await expect(page.getByTestId('chart-caption')).toContainText('Source: Prosecutorial-discretion review: official figures, 2011–2012, compiled from')
    await page.getByRole('main').getByText('New chart', { exact: true }).scrollIntoViewIfNeeded()
    await screenshot(page, '58-chart-builder')

    await page.getByTestId('chart-save').click()
    await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText('Reviewed and closed')
    await expect(sidebarCharts).toHaveCount(4)
    const item = sidebarCharts.filter({ hasText: 'Reviewed and closed' })
    await expect(item).toHaveAttribute('aria-current', 'page')
    await expect(item).toContainText('Bars · Prosecutorial-discretion review')
    await expectDrawn(figure)
    await screenshot(page, '59-chart-saved')

    // Away and back: the saved chart opens as it was built.
    await page.getByTestId('dataset-list-item').filter({ hasText: FIGURES }).click()
    await expect(page.getByTestId('dataset-table')).toBeVisible()
    await item.click()
    await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText('Reviewed and closed')
    await expectDrawn(figure)
    await page.getByRole('main').getByText('The numbers', { exact: true }).click()
    const numbers = page.getByRole('table', { name: /The numbers drawn in Cases reviewed and closed/ })
    await expect(numbers.locator('thead')).toContainText(['as_of_date'])
    await expect(numbers.locator('thead')).toContainText('cases_reviewed')
    await expect(numbers.locator('tbody')).toContainText('288,361')

    // Edit: a line instead, then cancel — nothing changes; then save a new name.
    await page.getByTestId('chart-edit').click()
    await builder.getByRole('radio', { name: 'Line', exact: true }).click()
    await expect(page.getByText('Unsaved changes')).toBeVisible()
    await page.getByRole('button', { name: 'Cancel' }).click()
    await expect(item).toContainText('Bars')
    await page.getByTestId('chart-edit').click()
    await builder.getByTestId('chart-name').fill('Reviewed and closed (by date)')
    await page.keyboard.press('ControlOrMeta+S')
    await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText('Reviewed and closed (by date)')
    await expect(sidebarCharts.filter({ hasText: 'Reviewed and closed (by date)' })).toHaveCount(1)
  })

  test('exports a chart as PNG and its numbers as CSV, duplicates it and deletes the copy', async ({ page }) => {
    await start(page)
    await page.getByTestId('chart-list-item').filter({ hasText: CLOSURE_RATE }).click()
    const figure = page.getByTestId('chart-figure')
    await expectDrawn(figure)
    // The rate the chart is named after, worked out from its two bars.
    await expect(page.getByTestId('chart-share')).toHaveText('cases_closed: 1.53% of cases_reviewed (4,403 of 288,361)')
    await screenshot(page, '65b-chart-closure-rate')

    const png = await downloaded(page, () => page.getByTestId('chart-export-png').click())
    // The colon is left out of file names: Windows refuses it.
    expect(png.download.suggestedFilename()).toBe('Review closure rate on 29 May 2012.png')
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
    // Drawn again off screen at a fixed size (1200 × 720, twice over for sharp text), whatever the window.
    expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([2400, 1440])
    expect(png.bytes.length).toBeGreaterThan(20_000)
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
    await png.download.saveAs(join(SCREENSHOT_DIR, '65-chart-exported.png'))

    const csv = await downloaded(page, () => page.getByTestId('chart-export-csv').click())
    expect(csv.download.suggestedFilename()).toBe('Review closure rate on 29 May 2012.csv')
    const lines = csv.bytes.toString('utf8').trimEnd().split('\r\n')
    expect(lines[0]).toBe('measure,Value (largest value reported)')
    expect(lines.slice(1).sort()).toEqual(['cases_closed,4403', 'cases_reviewed,288361'])
    await expect(page.getByRole('main')).toContainText('Exported the chart’s numbers as “Review closure rate on 29 May 2012.csv”.')

    await page.getByTestId('chart-duplicate').click()
    await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText(`${CLOSURE_RATE} (copy)`)
    await expect(page.getByTestId('chart-list-item')).toHaveCount(4)
    await page.getByTestId('chart-delete').click()
    const confirm = page.getByRole('group', { name: 'Confirm deletion' })
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused()
    await screenshot(page, '60-chart-delete')
    await confirm.getByRole('button', { name: 'Delete chart' }).click()
    await expect(page.getByTestId('chart-list-item')).toHaveCount(3)
    await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText('Review dashboard')
  })

  test('says why a chart cannot be drawn, and when no rows are left to draw', async ({ page }) => {
    await start(page)
    // Read the removals' value column as text: the saved chart that takes its highest cannot be drawn now.
    await page.getByTestId('dataset-list-item').filter({ hasText: REMOVALS }).click()
    const table = page.getByTestId('dataset-table')
    await table.locator('th[data-label="value"]').getByTestId('column-menu-button').click()
    const menu = page.getByTestId('column-popover')
    await menu.getByTestId('read-as').selectOption('text')
    await menu.getByTestId('read-as-apply').click()
    await expect(menu.getByTestId('type-change')).toBeVisible()
    await page.keyboard.press('Escape')

    await page.getByTestId('chart-list-item').filter({ hasText: REMOVALS }).click()
    const problem = page.getByTestId('chart-problem')
    await expect(problem).toContainText('This chart cannot be drawn')
    await expect(problem).toContainText('“value” holds text values; a maximum needs a column of numbers.')
    await expect(page.getByTestId('chart-export-png')).toBeDisabled()
    await screenshot(page, '61-chart-cannot-draw')

    // The builder shows the column as it is now, and counting rows instead draws again.
    await page.getByTestId('chart-edit').click()
    const builder = page.getByTestId('chart-builder')
    await expect(builder.getByTestId('chart-y').locator('option:checked')).toHaveText('value — not numbers now')
    await expect(page.getByTestId('chart-save')).toBeDisabled()
    await builder.getByTestId('chart-aggregate').selectOption('count')
    await expectDrawn(page.getByTestId('chart-figure'))
    await expect(page.getByTestId('chart-save')).toBeEnabled()

    // A filter that leaves no rows: said plainly, not an empty frame.
    await builder.getByTestId('chart-filter-column').selectOption({ label: 'notes (text)' })
    await builder.getByTestId('filter-value').fill('zzz-no-such-note')
    await builder.getByTestId('filter-add').click()
    await expect(page.getByTestId('chart-empty')).toContainText('Nothing to draw')
  })

  test('the review dashboard draws every saved chart with its caption naming its sources', async ({ page }) => {
    await start(page)
    await page.getByTestId('open-dashboard').click()
    await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText('Review dashboard')
    const cards = page.getByTestId('dashboard-card')
    await expect(cards).toHaveCount(3)
    for (const card of await cards.all()) {
      await expectDrawn(card)
      await expect(card.getByTestId('chart-caption')).toContainText(/^Source: .+, compiled from /)
    }
    await expect(cards.first().getByTestId('chart-caption')).toContainText('ICE removals by fiscal year')
    await screenshot(page, '62-dashboard')

    await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' })
    for (const card of await cards.all()) await expectDrawn(card)
    await screenshot(page, '63-dashboard-dark')

    // A card's name opens its chart.
    await cards.nth(1).getByRole('button', { name: /Review: cases reviewed and cases closed/ }).click()
    await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText(/^Review: cases reviewed and cases closed/)
    await expectDrawn(page.getByTestId('chart-figure'))
    await screenshot(page, '64-chart-view-dark')
  })
})
