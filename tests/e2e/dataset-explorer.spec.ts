// The data explorer (issue 5): sort by a header, filter with an exact count, pick values from a
// column's list, change what a column is read as (values that do not fit are kept and shown), copy a
// cell, and export the filtered, sorted rows as CSV through the save dialog. Runs against the seeded
// sample archive; "Prosecutorial-discretion review: official figures" has 43 rows in long format
// (one measure per row), "ICE removals by fiscal year" 65.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, screenshot, test } from './fixtures'
import { launchCasefile } from './launch'

const FIGURES = 'Prosecutorial-discretion review: official figures'
const REMOVALS = 'ICE removals by fiscal year'

async function openDataset(page: Page, name: string): Promise<Locator> {
  await expect(page.getByTestId('app-ready')).toBeVisible()
  await page.getByTestId('dataset-list-item').filter({ hasText: name }).click()
  const table = page.getByTestId('dataset-table')
  await expect(table.locator('tbody tr').first()).toBeVisible()
  return table
}

function header(table: Locator, label: string): Locator {
  return table.locator(`th[data-label="${label}"]`)
}

function sortButton(table: Locator, label: string): Locator {
  return header(table, label).getByRole('button', { name: new RegExp(`^Sort by ${label}, `) })
}

/** A value in an open column menu's list, by its exact text. */
function facet(menu: Locator, value: string): Locator {
  return menu.getByTestId('facet').filter({ has: menu.page().getByText(value, { exact: true }) })
}

async function openColumnMenu(table: Locator, label: string): Promise<Locator> {
  await header(table, label).getByTestId('column-menu-button').click()
  const menu = table.page().getByTestId('column-popover')
  await expect(menu).toBeVisible()
  await expect(menu.getByTestId('column-stats')).toBeVisible()
  return menu
}

/** The values of one column in the rows drawn, top to bottom. */
async function columnValues(table: Locator, index: number): Promise<string[]> {
  return table.locator('tbody tr[data-rowid]').evaluateAll((rows, at) => rows.map((row) => row.querySelectorAll('td')[at + 1]?.textContent?.trim() ?? ''), index)
}

/**
 * A numeric column's values once the rows drawn are in `order`: the header shows the new sort at
 * once, and the rows follow when the page, read off the main thread by the rows pool, arrives.
 */
async function sortedNumbers(table: Locator, index: number, order: (a: number, b: number) => number): Promise<number[]> {
  const read = async () => (await columnValues(table, index)).map((text) => Number(text.replaceAll(',', '')))
  await expect.poll(async () => {
    const values = await read()
    return JSON.stringify([...values].sort(order)) === JSON.stringify(values)
  }).toBe(true)
  return read()
}

test.describe('Data explorer', () => {
  test('sorts by a header: ascending, descending, then the stored order again', async ({ page }) => {
    const table = await openDataset(page, REMOVALS)
    const count = page.getByTestId('row-count')
    await expect(count).toHaveText('65 rows')
    const value = header(table, 'value')
    const firstValue = table.locator('tbody tr[data-rowid]').first().locator('td').nth(3)
    const stored = await firstValue.textContent()

    await sortButton(table, 'value').click()
    await expect(value).toHaveAttribute('aria-sort', 'ascending')
    const ascending = await sortedNumbers(table, 2, (a, b) => a - b)
    expect(ascending.length).toBeGreaterThan(10)
    expect([...ascending].sort((a, b) => a - b)).toEqual(ascending)

    await sortButton(table, 'value').click()
    await expect(value).toHaveAttribute('aria-sort', 'descending')
    const descending = await sortedNumbers(table, 2, (a, b) => b - a)
    expect([...descending].sort((a, b) => b - a)).toEqual(descending)
    expect(descending[0]).toBeGreaterThanOrEqual(Math.max(...ascending))
    await expect(page.getByRole('main')).toContainText('sorted by value, descending')
    await screenshot(page, '50-explorer-sorted')

    await sortButton(table, 'value').click()
    await expect(value).toHaveAttribute('aria-sort', 'none')
    await expect(firstValue).toHaveText(stored ?? '')
    await expect(table.locator('tbody tr[data-rowid]').first().locator('td').first()).toHaveText('1')
  })

  test('filters with an exact count, picks values from the list, and removes filters by their chips', async ({ page }) => {
    const table = await openDataset(page, FIGURES)
    const count = page.getByTestId('row-count')
    await expect(count).toHaveText('43 rows')

    // A value from the measure column's list: its count there is the count the table then shows.
    let menu = await openColumnMenu(table, 'measure')
    const reviewed = facet(menu, 'cases_reviewed')
    const reviewedCount = Number((await reviewed.locator('.count').textContent())?.replaceAll(',', ''))
    expect(reviewedCount).toBeGreaterThan(1)
    await screenshot(page, '51-explorer-column-menu')
    await reviewed.click()
    await expect(reviewed).toHaveAttribute('aria-pressed', 'true')
    await expect(count).toHaveText(`${reviewedCount} of 43 rows`)
    // Picking a second value means either of them.
    const closed = facet(menu, 'cases_closed')
    const closedCount = Number((await closed.locator('.count').textContent())?.replaceAll(',', ''))
    await closed.click()
    await expect(count).toHaveText(`${reviewedCount + closedCount} of 43 rows`)
    await page.keyboard.press('Escape')
    await expect(menu).toBeHidden()
    // Focus goes back to the button that opened the menu; the button opens and closes it.
    const measureMenu = header(table, 'measure').getByTestId('column-menu-button')
    await expect(measureMenu).toBeFocused()
    await measureMenu.click()
    await expect(menu).toBeVisible()
    await expect(measureMenu).toHaveAttribute('aria-expanded', 'true')
    await measureMenu.click()
    await expect(menu).toBeHidden()
    await expect(measureMenu).toHaveAttribute('aria-expanded', 'false')

    const chips = page.getByTestId('filter-chip')
    await expect(chips).toHaveCount(1)
    await expect(chips.first()).toHaveText('measure is “cases_reviewed” or “cases_closed”')
    expect(new Set(await columnValues(table, 2))).toEqual(new Set(['cases_reviewed', 'cases_closed']))

    // A date range on another column, typed in the column's form.
    menu = await openColumnMenu(table, 'as_of_date')
    await menu.getByTestId('filter-min').fill('2012-05-01')
    await menu.getByTestId('filter-max').fill('2012-05-31')
    await menu.getByTestId('filter-add').click()
    await page.keyboard.press('Escape')
    await expect(chips).toHaveCount(2)
    await expect(chips.nth(1)).toHaveText('as_of_date 2012-05-01 – 2012-05-31')
    const inMay = await columnValues(table, 0)
    expect(inMay.length).toBeGreaterThan(0)
    for (const date of inMay) expect(date >= '2012-05-01' && date <= '2012-05-31').toBe(true)
    await expect(count).toHaveText(`${inMay.length} of 43 rows`)
    await expect(page.getByRole('main')).toContainText(`Rows 1–${inMay.length} of ${inMay.length} matching row`)
    // A few rows sit in a frame as tall as they are, not in the whole room left (an empty box under them).
    const area = await page.locator('.table-area').boundingBox()
    const lastRow = await table.locator('tbody tr:not(.spacer)').last().boundingBox()
    expect(area!.y + area!.height - (lastRow!.y + lastRow!.height)).toBeLessThan(30)
    await screenshot(page, '52-explorer-filtered')

    // A contains filter that matches nothing: said plainly, with a way out.
    menu = await openColumnMenu(table, 'notes')
    await menu.getByTestId('filter-value').fill('zzz-no-such-text')
    await menu.getByTestId('filter-value').press('Enter')
    await page.keyboard.press('Escape')
    await expect(count).toHaveText('0 of 43 rows')
    await expect(page.getByText('No rows match these filters.')).toBeVisible()
    await screenshot(page, '53-explorer-no-rows')

    // Removing a chip asks again; "Clear filters" removes them all.
    await page.getByRole('button', { name: /^Remove filter: notes contains/ }).click()
    await expect(count).toHaveText(`${inMay.length} of 43 rows`)
    await page.getByRole('button', { name: 'Clear all' }).click()
    await expect(chips).toHaveCount(0)
    await expect(count).toHaveText('43 rows')
  })

  test('shows a column’s figures, and a type change keeps the misfits and says which they are', async ({ page }) => {
    const table = await openDataset(page, FIGURES)
    const menu = await openColumnMenu(table, 'value')
    const stats = menu.getByTestId('column-stats')
    await expect(stats).toContainText('Lowest')
    await expect(stats).toContainText('Highest')
    await expect(stats).toContainText('Distinct')
    await expect(stats).toContainText('Empty')

    // The geography column is text; read as whole numbers, none of its values fit.
    await page.keyboard.press('Escape')
    const geography = await openColumnMenu(table, 'geography')
    await geography.getByTestId('read-as').selectOption('integer')
    await geography.getByTestId('read-as-apply').click()
    const change = geography.getByTestId('type-change')
    await expect(change).toContainText('43 values do not read as a whole number; they are kept exactly as they were')
    await expect(change.locator('li').first()).toContainText('Row 1')
    await expect(change.locator('li').first()).toContainText('Baltimore immigration court')
    await screenshot(page, '54-explorer-type-change')
    await page.keyboard.press('Escape')
    // The header says the new type; the kept values are marked, not dropped.
    await expect(header(table, 'geography')).toContainText('integer')
    const marked = table.locator('td.misfit')
    await expect(marked.first()).toHaveText('Baltimore immigration court')
    await expect(page.getByTestId('row-count')).toHaveText('43 rows')

    // And back to text: every value fits again.
    const back = await openColumnMenu(table, 'geography')
    await back.getByTestId('read-as').selectOption('text')
    await back.getByTestId('read-as-apply').click()
    await expect(back.getByTestId('type-change')).toHaveText('Every value now reads as text.')
    await page.keyboard.press('Escape')
    await expect(marked).toHaveCount(0)
  })

  test('shows years without grouping, and keeps how a column’s numbers are shown once chosen from its menu', async ({ page }) => {
    const table = await openDataset(page, REMOVALS)
    const firstRow = table.locator('tbody tr[data-rowid]').first()
    await expect(firstRow.locator('td').nth(1)).toHaveText('2005')
    await expect(firstRow.locator('td').nth(3)).toHaveText('195,066')

    const menu = await openColumnMenu(table, 'value')
    const digits = menu.getByTestId('column-digits')
    await expect(digits.getByRole('button', { name: 'Grouped (1,185)' })).toHaveAttribute('aria-pressed', 'true')
    await digits.getByRole('button', { name: 'Plain (1185)' }).click()
    await expect(digits.getByRole('button', { name: 'Plain (1185)' })).toHaveAttribute('aria-pressed', 'true')
    await expect(firstRow.locator('td').nth(3)).toHaveText('195066')
    await screenshot(page, '54b-explorer-digits')
    await page.keyboard.press('Escape')

    // Kept in the archive: another dataset and back, and the column is still shown plain.
    await openDataset(page, FIGURES)
    const again = await openDataset(page, REMOVALS)
    await expect(again.locator('tbody tr[data-rowid]').first().locator('td').nth(3)).toHaveText('195066')
    const reopened = await openColumnMenu(again, 'value')
    await reopened.getByTestId('column-digits').getByRole('button', { name: 'Grouped (1,185)' }).click()
    await expect(again.locator('tbody tr[data-rowid]').first().locator('td').nth(3)).toHaveText('195,066')
  })

  test('copies a selected cell with the keyboard and from its menu', async ({ page, casefile }) => {
    if (casefile.backend === 'chromium') await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin })
    const table = await openDataset(page, REMOVALS)
    const cell = table.locator('tbody tr[data-rowid="1"] td').nth(3)
    await expect(cell).toHaveText('195,066')
    await cell.click()
    await expect(cell).toHaveClass(/selected/)
    await expect(page.getByTestId('selected-cell')).toContainText('Row 1 · value: 195,066')
    await page.keyboard.press('ControlOrMeta+C')
    await expect(page.getByRole('main')).toContainText('Copied value, row 1')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('195066')

    // The arrow keys move the selection; the context menu copies a whole row.
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowDown')
    await expect(page.getByTestId('selected-cell')).toContainText('Row 2 · qualifier: exact')
    await page.keyboard.press('Enter')
    const actions = page.getByTestId('cell-menu')
    await expect(actions.getByRole('menuitem', { name: 'Copy value' })).toBeFocused()
    await screenshot(page, '55-explorer-cell-menu')
    await actions.getByRole('menuitem', { name: 'Copy row' }).click()
    const row = await page.evaluate(() => navigator.clipboard.readText())
    expect(row.split('\t').slice(0, 3)).toEqual(['2006', 'ice_removals_and_returns', '229797'])
  })

  test('exports the filtered, sorted rows as CSV and says where it saved them', async ({ page, casefile }) => {
    const table = await openDataset(page, FIGURES)
    const menu = await openColumnMenu(table, 'measure')
    await facet(menu, 'cases_closed').click()
    await page.keyboard.press('Escape')
    await sortButton(table, 'value').click()
    await sortButton(table, 'value').click()
    await expect(header(table, 'value')).toHaveAttribute('aria-sort', 'descending')
    const shown = (await columnValues(table, 3)).map((text) => text.replaceAll(',', ''))

    await page.getByTestId('export-csv').click()
    const result = page.getByTestId('export-result')
    await expect(result).toContainText(`Saved ${shown.length} row`)
    const savedFiles = await casefile.savedFiles()
    expect(savedFiles).toHaveLength(1)
    const path = savedFiles[0]!
    await expect(result).toContainText(path)
    await screenshot(page, '56-explorer-exported')

    const lines = readFileSync(path, 'utf8').trimEnd().split('\r\n')
    expect(lines[0]).toBe('as_of_date,date_precision,measure,value,qualifier,geography,scope,source_id,reported_by,uncertain,notes')
    expect(lines).toHaveLength(shown.length + 1)
    // Every line is a closed case, largest first, in the order the table shows.
    const values = lines.slice(1).map((line) => line.split(',')[3])
    expect(values).toEqual(shown)
    for (const line of lines.slice(1)) expect(line.split(',')[2]).toBe('cases_closed')
  })

  test('says which exported cells a spreadsheet would run as formulas, and exports them again as text', async ({ page, casefile }) => {
    // One note in the official figures begins "= 232,181 non-detained …": Excel would take it for a formula.
    await openDataset(page, FIGURES)
    await page.getByTestId('export-csv').click()
    await expect(page.getByTestId('export-result')).toContainText('Saved 43 rows')
    const caution = page.getByTestId('export-formulas')
    await expect(caution).toContainText('1 cell begins like a spreadsheet formula (=, +, -, @) and was written as imported')
    const [asImported] = await casefile.savedFiles()
    const written = readFileSync(asImported!, 'utf8')
    expect(written).toContain(',"= 232,181 non-detained + 56,180 detained (SCPR_20120614)"\r\n')
    await screenshot(page, '56b-explorer-export-formulas')

    await caution.getByRole('button', { name: 'Export for spreadsheets…' }).click()
    await expect(caution).toContainText("written with a leading ' so a spreadsheet program shows it as text")
    await expect(caution.getByRole('button')).toHaveCount(0)
    const saved = await casefile.savedFiles()
    expect(saved).toHaveLength(2)
    const marked = readFileSync(saved[1]!, 'utf8')
    expect(marked).toContain(`,"'= 232,181 non-detained + 56,180 detained (SCPR_20120614)"\r\n`)
    // Only that cell changed.
    expect(marked.replace("\"'= 232,181", '"= 232,181')).toBe(written)
  })

  test('shows where the figures come from, one click away, in the dark theme', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' })
    const table = await openDataset(page, FIGURES)
    await table.locator('tbody tr[data-rowid="3"] td').nth(2).click()
    await page.getByTestId('provenance').locator('summary').click()
    await expect(page.getByTestId('provenance')).toContainText('SHA-256')
    await expect(page.getByTestId('provenance')).toContainText('pd_review_official_figures.csv')
    await expect(page.getByTestId('provenance')).toContainText('http://immigrationreform.com/2012/01/19/')
    await screenshot(page, '57-explorer-dark-provenance')
  })
})

test('a 300,000-row table, taller than a browser draws, scrolls through every row to the end and back, drawing only the rows in view, and sorts and counts in the archive', async () => {
  test.setTimeout(120_000)
  const ROWS = 300_000
  const line = (i: number) => `${i + 1},2012-${String((i % 12) + 1).padStart(2, '0')}-15,Court ${i % 40},${(i * 7919) % 100_003}`
  const dir = mkdtempSync(join(tmpdir(), 'casefile-explorer-'))
  writeFileSync(join(dir, 'big-docket.csv'), `id,filed_on,court,pending\n${Array.from({ length: ROWS }, (_, i) => line(i)).join('\n')}\n`)
  const app = await launchCasefile({ archivePath: join(dir, 'big.casefile'), dropDir: dir })
  try {
    test.skip(app.backend !== 'chromium', 'a File made in the page has no path on disk in Electron')
    const { page } = app
    await expect(page.getByTestId('app-ready')).toBeVisible()
    const transfer = await page.evaluateHandle(() => {
      const data = new DataTransfer()
      data.items.add(new File(['(read from disk)'], 'big-docket.csv'))
      return data
    })
    await page.dispatchEvent('main', 'dragenter', { dataTransfer: transfer })
    await page.dispatchEvent('main', 'drop', { dataTransfer: transfer })
    await expect(page.getByTestId('import-job').first()).toHaveAttribute('data-state', 'done', { timeout: 90_000 })
    await page.keyboard.press('Escape')
    const table = await openDataset(page, 'big-docket')
    await expect(page.getByTestId('row-count')).toHaveText('300,000 rows')
    await expect(page.getByRole('button', { name: 'Load more' })).toHaveCount(0)

    // The body stands for every row (300,000 rows of 29 px are drawn at the cap, 8 million px):
    // scrolled down in long strides, only the rows in view are in the page, and they are the rows
    // at that place.
    const frame = table.locator('..')
    const bodyRows = table.locator('tbody tr:not(.spacer)')
    const drawn = table.locator('tbody tr[data-rowid]')
    const height = await frame.evaluate((element) => element.scrollHeight)
    expect(height).toBeGreaterThan(7_900_000)
    expect(height).toBeLessThan(ROWS * 29)
    let most = 0
    for (let stride = 1; stride <= 8; stride++) {
      await frame.evaluate((element, to) => element.scrollTo(0, to), Math.round((height * stride) / 9))
      await expect(table.locator('tbody tr.pending')).toHaveCount(0)
      most = Math.max(most, await bodyRows.count())
      const first = Number(await drawn.first().getAttribute('data-rowid'))
      expect(first).toBeGreaterThan((ROWS * stride) / 9 - 100)
      expect(first).toBeLessThan((ROWS * stride) / 9 + 100)
    }
    // To the very end: the last row, with its values.
    await frame.evaluate((element) => element.scrollTo(0, element.scrollHeight))
    const lastRow = table.locator(`tbody tr[data-rowid="${ROWS}"]`)
    await expect(lastRow).toBeVisible()
    const [id, filedOn, court, pending] = line(ROWS - 1).split(',')
    await expect(lastRow.locator('td')).toHaveText([String(ROWS), id!, filedOn!, court!, Number(pending).toLocaleString('en-US')])
    await expect(page.getByRole('main').getByText(/^Rows [\d,]+–300,000 of 300,000 rows$/)).toBeVisible()
    most = Math.max(most, await bodyRows.count())
    await screenshot(page, '66-explorer-large-scrolled')
    // And back to the top: the first rows again, fetched anew.
    await frame.evaluate((element) => element.scrollTo(0, 0))
    await expect(table.locator('tbody tr[data-rowid="1"] td').nth(3)).toHaveText('Court 0')
    most = Math.max(most, await bodyRows.count())
    expect(most).toBeLessThan(80)

    // The keyboard reaches the last row and back, whatever is fetched meanwhile.
    await table.locator('tbody tr[data-rowid="1"] td').nth(3).click()
    await page.keyboard.press('ControlOrMeta+End')
    await expect(page.getByTestId('selected-cell')).toContainText(`Row ${ROWS} · pending: ${Number(pending).toLocaleString('en-US')}`)
    await expect(lastRow.locator('td.selected')).toHaveCount(1)
    await page.keyboard.press('PageUp')
    await expect(page.getByTestId('selected-cell')).toContainText(/^Row 2999\d\d · pending/)
    await page.keyboard.press('ControlOrMeta+Home')
    await expect(page.getByTestId('selected-cell')).toContainText('Row 1 · id: 1')

    // Sorting and counting happen in the archive: the largest value first, an exact count under a filter.
    await sortButton(table, 'pending').click()
    await sortButton(table, 'pending').click()
    await expect(header(table, 'pending')).toHaveAttribute('aria-sort', 'descending')
    await expect(drawn.first().locator('td').nth(4)).toHaveText('100,002')
    // A column named id holds labels, not amounts: its digits are not grouped.
    await expect(drawn.first().locator('td').nth(1)).toHaveText(/^\d{4,}$/)
    await expect(drawn.first().locator('td').first()).toHaveText(/^\d+$/)
    // Sorted, the end of the table is the smallest value, reached through the scroll bar.
    await frame.evaluate((element) => element.scrollTo(0, element.scrollHeight))
    await expect(drawn.last().locator('td').nth(4)).toHaveText('0')
    const menu = await openColumnMenu(table, 'court')
    await facet(menu, 'Court 7').click()
    await expect(page.getByTestId('row-count')).toHaveText('7,500 of 300,000 rows')
    await page.keyboard.press('Escape')
    await expect(drawn.first().locator('td').nth(3)).toHaveText('Court 7')

    // A word in every row is too common to rank: the first rows are listed, and the search says
    // that more match than it counted.
    await page.keyboard.press('Control+K')
    await page.getByRole('searchbox', { name: 'Search archive' }).fill('court kind:data')
    const search = page.getByRole('region', { name: 'Search', exact: true })
    await expect(search.getByTestId('search-summary')).toHaveText(/^More than 50,\d{3} results/)
    await expect(search.getByTestId('search-notes')).toContainText('too many to rank or count at once')
    // Listed in table order: the big table's first row among the first hits.
    await expect(search.getByTestId('search-hit').filter({ hasText: /big-docket · row 1\b/ })).toHaveCount(1)
  } finally {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
