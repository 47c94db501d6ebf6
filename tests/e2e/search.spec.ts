// The search screen (issue 4): search as you type with the query read back as chips, filters counted
// from the answer, hits that open an article at its matches or a dataset at its row, saved searches in
// the sidebar, and results a page at a time. Runs against the seeded sample archive: 7 articles
// (the Colorlines seed among them) and 5 datasets (pd_review_timeline mentions "prosecutorial").

import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { launchCasefile, PROJECT_ROOT } from './launch'
import { dropFiles, expect, screenshot, test } from './fixtures'

const SEED_TITLE = 'Record Number of Deportations Continue Despite U.S. Review of Backlog'
const TIMELINE = 'Prosecutorial-discretion review: timeline'

async function searchFor(page: Page, query: string): Promise<Locator> {
  await expect(page.getByTestId('app-ready')).toBeVisible()
  await page.keyboard.press('Control+K')
  const box = page.getByRole('searchbox', { name: 'Search archive' })
  await expect(box).toBeFocused()
  await box.fill(query)
  return box
}

function results(page: Page): Locator {
  return page.getByRole('region', { name: 'Search', exact: true })
}

test.describe('Search screen', () => {
  test('shows highlighted hits, chips and facet counts; filters by kind; removing a chip searches again', async ({ page }) => {
    const box = await searchFor(page, 'prosecutorial discretion')
    const screen = results(page)
    // The datasets are found by their names and the sources they cite (review U24-7).
    await expect(screen.getByTestId('search-summary')).toHaveText(/^7 results/)
    await expect(screen.getByText('2 articles · 4 datasets · 1 data row')).toBeVisible()

    const hits = screen.getByTestId('search-hit')
    await expect(hits).toHaveCount(7)
    const datasetHit = hits.and(page.locator('[data-kind="dataset"]')).first()
    await expect(datasetHit).toContainText(TIMELINE)
    await expect(datasetHit.getByText('Dataset', { exact: true })).toBeVisible()
    const dataHit = hits.and(page.locator('[data-kind="data"]'))
    await expect(dataHit).toContainText(TIMELINE)
    await expect(dataHit.getByText('Data row')).toBeVisible()
    await expect(dataHit.locator('mark').first()).toHaveText(/prosecutorial/i)
    await expect(hits.and(page.locator('[data-kind="article"]')).first().locator('mark').first()).toHaveText(/prosecutorial|discretion/i)

    const chips = screen.getByTestId('query-chip')
    await expect(chips).toHaveText(['prosecutorial', 'discretion'])

    const facets = screen.getByTestId('search-facets')
    await expect(facets.getByRole('checkbox', { name: /Articles/ })).toBeVisible()
    await expect(facets.getByRole('checkbox', { name: /Data rows/ })).toBeVisible()
    await expect(facets.getByRole('radio', { name: new RegExp(TIMELINE) })).toBeVisible()
    await expect(facets.getByRole('button', { name: '2011: 2 matches' })).toBeVisible()
    await screenshot(page, '30-search-results')

    // Kind filter: data rows only.
    await facets.getByRole('checkbox', { name: /Data rows/ }).check()
    await expect(screen.getByTestId('search-summary')).toHaveText('1 result (filtered)')
    await expect(hits).toHaveCount(1)
    await expect(hits.first()).toHaveAttribute('data-kind', 'data')
    await facets.getByRole('checkbox', { name: /Data rows/ }).uncheck()
    await expect(hits).toHaveCount(7)

    // The year facet sets the date range to that year (and so leaves the undated data rows out).
    await facets.getByRole('button', { name: '2011: 2 matches' }).click()
    await expect(facets.getByTestId('date-from')).toHaveValue('2011')
    await expect(facets.getByTestId('date-to')).toHaveValue('2011')
    await expect(hits).toHaveCount(2)
    await expect(screen.getByTestId('search-notes')).toContainText('Data rows have no date')
    await facets.getByRole('button', { name: 'Clear date filter' }).click()
    await expect(hits).toHaveCount(7)

    // A typed date applies on Enter; an unreadable one is named and left out.
    await facets.getByTestId('date-from').fill('2012')
    await facets.getByTestId('date-from').press('Enter')
    await expect(screen.getByText('Nothing matches with these filters')).toBeVisible()
    await screen.getByRole('button', { name: 'Clear filters' }).click()
    await expect(hits).toHaveCount(7)
    await facets.getByTestId('date-to').fill('soon')
    await facets.getByTestId('date-to').press('Enter')
    await expect(facets).toContainText('“To” was not understood')
    await expect(hits).toHaveCount(7)
    await facets.getByRole('button', { name: 'Clear date filter' }).click()
    await expect(facets.getByTestId('date-to')).toHaveValue('')

    // Removing a chip edits the query text and runs it.
    await screen.getByRole('button', { name: 'Remove discretion from the search' }).click()
    await expect(box).toHaveValue('prosecutorial')
    await expect(chips).toHaveText(['prosecutorial'])
    await expect(screen.getByRole('button', { name: 'Remove prosecutorial from the search' })).toBeFocused()
    await expect(screen.getByTestId('search-summary')).toHaveText(/^\d+ results?/)
  })

  test('opens an article hit at its first match and steps through every match', async ({ page }) => {
    await searchFor(page, 'review')
    await results(page).getByTestId('search-hit').filter({ hasText: SEED_TITLE }).click()
    await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE)

    const position = page.getByTestId('match-position')
    await expect(position).toHaveText(/^1 of \d+$/)
    const count = Number((await position.textContent())?.split(' of ')[1])
    expect(count).toBeGreaterThan(2)
    const body = page.getByTestId('article-body')
    await expect(body.locator('mark')).toHaveCount(count)
    const current = body.locator('mark[aria-current="true"]')
    await expect(current).toHaveCount(1)
    await expect(current).toHaveAttribute('data-match', '0')
    await expect(current).toHaveText(/review/i)
    await expect(current).toBeInViewport()

    const navigator = page.getByTestId('match-navigator')
    await navigator.getByRole('button', { name: 'Next match' }).click()
    await expect(position).toHaveText(`2 of ${count}`)
    await expect(current).toHaveAttribute('data-match', '1')
    await expect(current).toBeInViewport()

    // The keyboard: Enter / Shift+Enter where Enter is free, F3 / Shift+F3 anywhere.
    await body.focus()
    await page.keyboard.press('Enter')
    await expect(position).toHaveText(`3 of ${count}`)
    await expect(current).toHaveAttribute('data-match', '2')
    await page.keyboard.press('Shift+Enter')
    await expect(position).toHaveText(`2 of ${count}`)
    await page.keyboard.press('F3')
    await expect(position).toHaveText(`3 of ${count}`)
    await page.keyboard.press('Shift+F3')
    await page.keyboard.press('Shift+F3')
    await expect(position).toHaveText(`1 of ${count}`)
    await navigator.getByRole('button', { name: 'Previous match' }).click()
    await expect(position).toHaveText(`${count} of ${count}`)
    await expect(current).toHaveAttribute('data-match', String(count - 1))
    await expect(current).toBeInViewport()
    await screenshot(page, '31-article-matches')

    // Back to the results, as they were.
    await page.getByRole('button', { name: '← Search results' }).click()
    await expect(results(page).getByTestId('search-hit').filter({ hasText: SEED_TITLE })).toBeVisible()
  })

  test('a phrase marks the phrase, not its words apart', async ({ page }) => {
    await searchFor(page, '"prosecutorial discretion"')
    await results(page).getByTestId('search-hit').filter({ hasText: 'Morton memo' }).click()
    const marks = page.getByTestId('article-body').locator('mark')
    await expect(page.getByTestId('match-position')).toHaveText(/^1 of \d+$/)
    for (const text of await marks.allTextContents()) expect(text.toLowerCase().replace(/[\s-]+/g, ' ')).toBe('prosecutorial discretion')
  })

  test('the exact switch matches case and accents as typed, in the hits and in the article', async ({ page }) => {
    await searchFor(page, 'Review')
    const screen = results(page)
    await expect(screen.getByTestId('search-hit').filter({ hasText: SEED_TITLE })).toBeVisible()
    await screen.getByRole('switch', { name: 'Match case and accents' }).check()
    await screen.getByTestId('search-hit').filter({ hasText: SEED_TITLE }).click()
    await expect(page.getByTestId('match-position')).toHaveText(/^1 of \d+$/)
    const marks = await page.getByTestId('article-body').locator('mark').allTextContents()
    expect(marks.length).toBeGreaterThan(0)
    for (const text of marks) expect(text).toBe('Review')
  })

  test('opens a data-row hit in its dataset, scrolled to the row and marked', async ({ page }) => {
    await searchFor(page, 'closed')
    const screen = results(page)
    await screen.getByTestId('search-facets').getByRole('checkbox', { name: /Data rows/ }).check()
    const hit = screen.getByTestId('search-hit').filter({ hasText: '· row 42' })
    await expect(hit).toBeVisible()
    await hit.click()

    const table = page.getByTestId('dataset-table')
    const target = table.getByTestId('target-row')
    await expect(target).toHaveCount(1)
    await expect(target).toBeInViewport()
    await expect(target.locator('td').first()).toHaveText('42')
    await expect(target).toContainText('10,998')
    await expect(page.getByRole('main')).toContainText('Row 42 matched the search')
    await screenshot(page, '32-data-row-opened')
  })

  test('saves a search, lists it in the sidebar, runs, renames and deletes it', async ({ page }) => {
    const box = await searchFor(page, 'prosecutorial discretion')
    const screen = results(page)
    await expect(screen.getByTestId('search-hit')).toHaveCount(7)
    await screen.getByRole('button', { name: 'Save search' }).click()
    const name = screen.getByRole('textbox', { name: 'Name' })
    await expect(name).toBeFocused()
    await expect(name).toHaveValue('prosecutorial discretion')
    await name.fill('PD memos')
    await screenshot(page, '33-save-search')
    await name.press('Enter')
    await expect(screen.getByTestId('search-saved')).toHaveText(/Saved as “PD memos”/)

    const sidebar = page.getByTestId('saved-searches')
    const item = sidebar.getByTestId('saved-search-item')
    await expect(item).toHaveCount(1)
    await expect(item).toContainText('PD memos')
    await expect(item).toContainText('prosecutorial discretion')
    await expect(item).toHaveAttribute('aria-current', 'page')
    await screenshot(page, '34-saved-search-sidebar')

    // Leave the search, then run it again from the sidebar.
    await box.focus()
    await page.keyboard.press('Escape')
    await expect(box).toHaveValue('')
    await item.click()
    await expect(box).toHaveValue('prosecutorial discretion')
    await expect(screen.getByTestId('search-hit')).toHaveCount(7)

    // Rename in place (F2), then delete after confirming.
    await item.focus()
    await page.keyboard.press('F2')
    const rename = sidebar.getByRole('textbox', { name: /New name/ })
    await expect(rename).toBeFocused()
    await rename.fill('Discretion memos')
    await rename.press('Enter')
    await expect(item).toContainText('Discretion memos')
    await expect(item).toBeFocused()
    await item.hover()
    await sidebar.getByRole('button', { name: 'Delete “Discretion memos”' }).click()
    await expect(sidebar.getByRole('group', { name: 'Confirm deletion' })).toBeVisible()
    await sidebar.getByRole('button', { name: 'Delete', exact: true }).click()
    await expect(item).toHaveCount(0)
    await expect(sidebar).toContainText('None yet')
    await expect(screen.getByRole('button', { name: 'Save search' })).toBeVisible()
  })

  test('a saved search keeps its date range and opens with it', async ({ page }) => {
    const box = await searchFor(page, 'prosecutorial discretion')
    const screen = results(page)
    const facets = screen.getByTestId('search-facets')
    const hits = screen.getByTestId('search-hit')
    await facets.getByRole('button', { name: '2011: 2 matches' }).click()
    await expect(hits).toHaveCount(2)
    await screen.getByRole('button', { name: 'Save search' }).click()
    const name = screen.getByRole('textbox', { name: 'Name' })
    await name.fill('PD in 2011')
    await name.press('Enter')
    await expect(screen.getByTestId('search-saved')).toHaveText(/Saved as “PD in 2011”/)
    const item = page.getByTestId('saved-searches').getByTestId('saved-search-item').filter({ hasText: 'PD in 2011' })
    await expect(item).toHaveAttribute('aria-current', 'page')
    await expect(item).toContainText('prosecutorial discretion · 2011')

    // Without the year it is another search: not the saved one, and Save is offered again.
    await facets.getByRole('button', { name: 'Clear date filter' }).click()
    await expect(hits).toHaveCount(7)
    await expect(item).not.toHaveAttribute('aria-current', 'page')
    await expect(screen.getByRole('button', { name: 'Save search' })).toBeVisible()

    // Leave the search; opening it from the sidebar brings the year back with the query.
    await box.focus()
    await page.keyboard.press('Escape')
    await expect(box).toHaveValue('')
    await item.click()
    await expect(box).toHaveValue('prosecutorial discretion')
    await expect(facets.getByTestId('date-from')).toHaveValue('2011')
    await expect(facets.getByTestId('date-to')).toHaveValue('2011')
    await expect(hits).toHaveCount(2)
    await expect(item).toHaveAttribute('aria-current', 'page')
    await expect(screen.getByTestId('search-saved')).toHaveText(/Saved as “PD in 2011”/)
    await screenshot(page, '41-saved-search-with-dates')
  })

  test('keeps the results clear of the import panel', async ({ page }) => {
    await searchFor(page, 'review')
    const screen = results(page)
    await expect(screen.getByTestId('search-hit').first()).toBeVisible()
    const facetsShown = await screen.getByTestId('search-facets').isVisible()
    await page.getByTestId('imports-toggle').click()
    const panel = page.getByTestId('import-panel')
    await expect(panel).toBeVisible()
    const panelBox = await panel.boundingBox()
    const mainBox = await page.getByRole('main').boundingBox()
    expect(panelBox).not.toBeNull()
    expect(mainBox).not.toBeNull()
    // Docked below the results at this width: what the results show ends above it, and no hit runs
    // on past the right edge of the main area.
    expect(mainBox!.y + mainBox!.height).toBeLessThanOrEqual(panelBox!.y)
    for (const hit of await screen.getByTestId('search-hit').all()) {
      const box = await hit.boundingBox()
      expect(box).not.toBeNull()
      expect(box!.x + box!.width).toBeLessThanOrEqual(mainBox!.x + mainBox!.width)
    }
    // The panel takes no width, so the filters stay as they were without it.
    await expect(screen.getByTestId('search-facets')).toBeVisible({ visible: facetsShown })
    await screenshot(page, '35-search-with-import-panel')

    // A narrow window has no room for the filter column: the filters fold behind a button. (At 900px
    // the sidebar now folds away too, which leaves the results room for the column: 700px has none.)
    await page.setViewportSize({ width: 700, height: 800 })
    const toggle = screen.getByRole('button', { name: /^Filters/ })
    await expect(toggle).toBeVisible()
    await expect(screen.getByTestId('search-facets')).toBeHidden()
    await toggle.click()
    await expect(toggle).toHaveAttribute('aria-expanded', 'true')
    await expect(screen.getByTestId('search-facets')).toBeVisible()
    const narrowMain = await page.getByRole('main').boundingBox()
    const facetsBox = await screen.getByTestId('search-facets').boundingBox()
    expect(facetsBox!.x + facetsBox!.width).toBeLessThanOrEqual(narrowMain!.x + narrowMain!.width)
  })

  test('looks right in the dark theme', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' })
    await searchFor(page, 'review')
    await expect(results(page).getByTestId('search-hit').first()).toBeVisible()
    await screenshot(page, '36-search-dark')
    await results(page).getByTestId('search-hit').filter({ hasText: SEED_TITLE }).click()
    await page.getByRole('button', { name: 'Next match' }).click()
    await expect(page.getByTestId('match-position')).toHaveText(/^2 of/)
    await screenshot(page, '37-article-matches-dark')
  })
})

// Many hits: a dropped CSV of 1,234 rows that all mention the same word is counted as new for the
// saved search that looks for it, and listed 50 at a time, each page fetched as the list scrolls near
// its end, until all are shown.
test('counts new matches for a saved search and pages through 1,234 hits as the list scrolls', async () => {
  test.setTimeout(90_000)
  const dir = mkdtempSync(join(tmpdir(), 'casefile-paging-'))
  const ROWS = 1_234
  const lines = Array.from({ length: ROWS }, (_, i) => `${i + 1},Docket ${i + 1},zebrafish review pending in court ${i % 40}`)
  writeFileSync(join(dir, 'docket.csv'), `id,name,remarks\n${lines.join('\n')}\n`)
  const app = await launchCasefile({ archivePath: join(dir, 'p.casefile'), dropDir: dir })
  try {
    test.skip(app.backend !== 'chromium', 'a File made in the page has no path on disk in Electron')
    const { page } = app

    // Saved before the data exists: the import brings 1,234 new matches, and the sidebar says so.
    const box = await searchFor(page, 'zebrafish')
    const screen = results(page)
    await expect(screen.getByText('Nothing found for “zebrafish”')).toBeVisible()
    await screen.getByRole('button', { name: 'Save search' }).click()
    await screen.getByRole('textbox', { name: 'Name' }).press('Enter')
    const saved = page.getByTestId('saved-search-item').filter({ hasText: 'zebrafish' })
    await expect(saved).toBeVisible()
    await expect(saved.getByTestId('saved-search-new')).toHaveCount(0)
    await box.focus()
    await page.keyboard.press('Escape')

    const transfer = await page.evaluateHandle(() => {
      const data = new DataTransfer()
      data.items.add(new File(['(read from disk)'], 'docket.csv'))
      return data
    })
    await page.dispatchEvent('main', 'dragenter', { dataTransfer: transfer })
    await page.dispatchEvent('main', 'drop', { dataTransfer: transfer })
    await expect(page.getByTestId('import-job').first()).toHaveAttribute('data-state', 'done', { timeout: 30_000 })
    await page.getByTestId('imports-toggle').click()
    await expect(saved.getByTestId('saved-search-new')).toHaveText('1,234 new')
    await screenshot(page, '38-saved-search-new')

    // Opening it runs it and starts its count again.
    await saved.click()
    await expect(box).toHaveValue('zebrafish')
    await expect(screen.getByTestId('search-summary')).toHaveText('1,234 results')
    await expect(saved.getByTestId('saved-search-new')).toHaveCount(0)
    const hits = screen.getByTestId('search-hit')
    await expect(hits).toHaveCount(50)
    const end = screen.getByTestId('search-end')
    await expect(end).toHaveAttribute('data-end', 'more')
    await expect(end).toContainText('Loading more…')

    // Scrolling to the end fetches the next page, again and again, until none is left.
    for (let round = 0; round < 40; round++) {
      if ((await end.getAttribute('data-end')) !== 'more') break
      const before = await hits.count()
      await end.scrollIntoViewIfNeeded()
      await expect.poll(() => hits.count(), { intervals: [50] }).toBeGreaterThan(before)
    }
    await expect(end).toHaveAttribute('data-end', 'all')
    await expect(end).toHaveText('All 1,234 results shown')
    await expect(hits).toHaveCount(ROWS)
    await end.scrollIntoViewIfNeeded()
    await screenshot(page, '39-search-all-shown')

    // The last row opens scrolled to it; the rows above are there to scroll back to, fetched as they come into view.
    await hits.last().click()
    const table = page.getByTestId('dataset-table')
    const target = table.getByTestId('target-row')
    await expect(target.locator('td').first()).toHaveText('1234')
    await expect(target).toBeInViewport()
    await expect(page.getByRole('main')).toContainText(/Rows 1,2\d\d–1,234 of 1,234 rows/)
    await table.locator('..').evaluate((frame) => frame.scrollBy(0, -29 * 300))
    await expect(table.locator('tbody tr[data-rowid="934"]')).toBeVisible()
    await table.locator('..').evaluate((frame) => frame.scrollBy(0, 29 * 300))
    await expect(target).toBeInViewport()
    await screenshot(page, '40-data-row-deep')

    // Back to the results: still all there, scrolled to where they were left.
    await page.getByRole('button', { name: '← Search results' }).click()
    await expect(hits).toHaveCount(ROWS)
    await expect(hits.last()).toBeInViewport()
  } finally {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

// A workbook's title rows and footnotes are words the window shows beside its table ("Where these
// figures come from"); searching a footnote's phrase finds the dataset itself, a hit that opens it
// (review U24-7: it found nothing).
test('finds a workbook dataset by a phrase of its footnotes, and opens it from the hit', async () => {
  test.setTimeout(90_000)
  const WORKBOOK = 'dhs-yearbook-2013-table-39.xlsx'
  const dir = mkdtempSync(join(tmpdir(), 'casefile-provenance-search-'))
  copyFileSync(join(PROJECT_ROOT, 'tests', 'fixtures', 'import', 'workbook', WORKBOOK), join(dir, WORKBOOK))
  const app = await launchCasefile({ archivePath: join(dir, 'w.casefile'), dropDir: dir })
  try {
    test.skip(app.backend !== 'chromium', 'a File made in the page has no path on disk in Electron')
    const { page } = app
    await expect(page.getByTestId('app-ready')).toBeVisible()
    await dropFiles(page, [WORKBOOK])
    await expect(page.getByTestId('import-job').first()).toHaveAttribute('data-state', 'done', { timeout: 30_000 })
    await page.getByTestId('imports-toggle').click()

    await searchFor(page, '"withheld to limit disclosure"')
    const screen = results(page)
    await expect(screen.getByTestId('search-summary')).toHaveText(/^1 result/)
    await expect(screen.getByText('1 dataset', { exact: true })).toBeVisible()
    const hit = screen.getByTestId('search-hit')
    await expect(hit).toHaveAttribute('data-kind', 'dataset')
    await expect(hit).toContainText('dhs-yearbook-2013-table-39 › Table 39')
    await expect(hit.getByText('Dataset', { exact: true })).toBeVisible()
    await expect(hit.locator('mark')).toHaveText(['withheld to limit disclosure'])
    await expect(screen.getByTestId('search-facets').getByRole('checkbox', { name: /Datasets/ })).toBeVisible()
    await screenshot(page, '42-dataset-found-by-footnote')

    await hit.click()
    await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText('dhs-yearbook-2013-table-39 › Table 39')
    await expect(page.getByTestId('dataset-table').locator('tbody tr')).toHaveCount(4)
    const provenance = page.getByTestId('provenance')
    await provenance.locator('summary').click()
    await expect(provenance).toContainText('D Data withheld to limit disclosure.')
  } finally {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
