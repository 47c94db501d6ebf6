// A workbook dropped on the window becomes its sheets' datasets, each opening with its header and
// with "Where these figures come from" holding the table's title and footnotes; a hidden sheet can
// be picked from "Import again with options…"; a Word file dropped beside it becomes an article
// with its headings; a dropped scan is read by OCR and its pages marked in the reader. Browser back
// end only: a File made in the page has no path in Electron.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { wordParagraph, wordTable, writeDocx } from '../helpers/office-documents'
import { scannedPdf } from '../helpers/scanned-pdf'
import { axeViolations } from './axe'
import { dropFiles, screenshot } from './fixtures'
import { launchCasefile, PROJECT_ROOT } from './launch'

const WORKBOOK = 'dhs-yearbook-2013-table-39.xlsx'

test('a dropped workbook opens as datasets with their header and provenance; a dropped .docx as an article', async () => {
  test.setTimeout(90_000)
  const dir = mkdtempSync(join(tmpdir(), 'casefile-formats-'))
  copyFileSync(join(PROJECT_ROOT, 'tests', 'fixtures', 'import', 'workbook', WORKBOOK), join(dir, WORKBOOK))
  writeDocx(
    join(dir, 'review-memo.docx'),
    wordParagraph('Review of pending cases', 'Heading1', false) +
      wordParagraph('The review had examined 288,361 cases by May 29, 2012.', null, false) +
      wordParagraph('Closures', 'Heading2', false) +
      wordParagraph('4,403 cases closed', null, true) +
      wordTable([['Office', 'Closed'], ['Denver', '401']]),
    { title: null, creator: 'Office of the Principal Legal Advisor', created: '2012-06-07T09:00:00Z' }
  )
  const app = await launchCasefile({ archivePath: join(dir, 'f.casefile'), dropDir: dir })
  try {
    test.skip(app.backend !== 'chromium', 'a File made in the page has no path on disk in Electron')
    const { page } = app
    await expect(page.getByTestId('app-ready')).toBeVisible()
    await dropFiles(page, [WORKBOOK, 'review-memo.docx'])

    const panel = page.getByRole('region', { name: 'Imports' })
    // The job of both files, however many jobs come after it.
    const job = panel.getByTestId('import-job').filter({ hasText: 'review-memo.docx' })
    await expect(job).toHaveAttribute('data-state', 'done')
    const [workbook, memo] = [job.getByTestId('import-outcome').nth(0), job.getByTestId('import-outcome').nth(1)]
    await expect(workbook).toHaveAttribute('data-status', 'imported')
    await expect(workbook).toContainText('Imported as 2 datasets · 6 rows')
    await expect(memo).toContainText('Imported as article')
    await expect(page.getByTestId('dataset-list-item').filter({ hasText: 'Table 39' })).toBeVisible()
    await screenshot(page, '24-workbook-imported')

    await workbook.getByRole('button', { name: `Open ${WORKBOOK}` }).click()
    await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText('dhs-yearbook-2013-table-39 › Table 39')
    // The keyboard goes with it: the next Tab is in the opened dataset, not the rest of the panel (review U24-15).
    await expect(page.getByRole('main')).toBeFocused()
    const table = page.getByTestId('dataset-table')
    await expect(table.locator('thead')).toContainText('Fiscal year › 2012')
    await expect(table.locator('tbody tr')).toHaveCount(4)
    await expect(table.locator('tbody tr').nth(3)).toContainText('(b)(6)')
    const provenance = page.getByTestId('provenance')
    await provenance.locator('summary').click()
    await expect(provenance).toContainText('Table 39. Aliens Apprehended, Removed or Returned: Fiscal Years 2008 to 2013')
    await expect(provenance).toContainText('D Data withheld to limit disclosure.')
    await expect(provenance).toContainText('Source: U.S. Department of Homeland Security, Yearbook of Immigration Statistics: 2013, Tables 33 and 39.')
    await screenshot(page, '25-workbook-provenance')

    // The hidden sheet was left out; ticking it, as the result says, imports it and nothing twice
    // (review U24-1: the form started with copying ticked, and every sheet left ticked was copied).
    await workbook.getByRole('button', { name: /again with options/ }).click()
    const dialog = page.getByRole('dialog', { name: 'Import options' })
    const sheets = dialog.getByTestId('import-sheets')
    await expect(sheets.getByLabel('Table 39')).toBeChecked()
    await expect(sheets.getByLabel(/Lookup/)).not.toBeChecked()
    await expect(dialog.getByLabel('Import the sheets picked even where they are already in the archive')).not.toBeChecked()
    await sheets.getByLabel(/Lookup/).check()
    await screenshot(page, '26-workbook-sheets')
    await dialog.getByRole('button', { name: 'Import', exact: true }).click()
    const picked = panel.getByTestId('import-job').first().getByTestId('import-outcome')
    await expect(picked).toContainText('Imported as dataset · 1 row')
    await expect(picked).toContainText('Sheets “Table 39”, “Case review” are already in the archive from an earlier import, so only the others were imported.')
    await expect(page.getByTestId('dataset-list-item').filter({ hasText: 'Lookup' })).toBeVisible()
    await expect(page.getByTestId('dataset-list-item').filter({ hasText: 'Table 39' })).toHaveCount(1)
    // In the sidebar a sheet is named on a line of its own, under its workbook (review U24-5: a long
    // workbook name cut to two lines hid which sheet each was).
    const lookup = page.getByTestId('dataset-list-item').filter({ hasText: 'Lookup' })
    await expect(lookup.locator('.detail')).toHaveText(/^› Lookup\s*·\s*1 row$/)
    await lookup.scrollIntoViewIfNeeded()
    await screenshot(page, '27-workbook-sheets-in-sidebar')

    await memo.getByRole('button', { name: 'Open review-memo.docx' }).click()
    await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText('Review of pending cases')
    await expect(page.getByTestId('article-body')).toContainText('• 4,403 cases closed')
    await expect(page.getByTestId('article-body')).toContainText('Denver | 401')
    // The document's headings are headings in the reader, a level below its title.
    const body = page.getByTestId('article-body')
    await expect(body.getByRole('heading', { level: 2 })).toHaveText('Review of pending cases')
    await expect(body.getByRole('heading', { level: 3 })).toHaveText('Closures')
    await expect(body.locator('p').filter({ hasText: 'Closures' })).toHaveCount(0)
    // The outline the headings make has no gaps (axe's heading-order) and nothing else is amiss.
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, '28-document-headings')
  } finally {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

test('a dropped scanned PDF is read by OCR: the panel says so, and the reader marks its pages', async () => {
  test.setTimeout(120_000)
  const dir = mkdtempSync(join(tmpdir(), 'casefile-scan-'))
  const html =
    '<!DOCTYPE html><html><head><title>x</title><style>@page { size: Letter; margin: 1in } body { font: 14pt/1.5 "DejaVu Serif", serif }</style></head><body>' +
    '<p>The review had examined 288,361 cases by May 29, 2012.</p><p style="break-before: page">Only 4,403 cases were closed.</p></body></html>'
  writeFileSync(join(dir, 'scanned-memo.pdf'), await scannedPdf(html, 150, [], 'DHS-FOIA'))
  const app = await launchCasefile({ archivePath: join(dir, 's.casefile'), dropDir: dir })
  try {
    test.skip(app.backend !== 'chromium', 'a File made in the page has no path on disk in Electron')
    const { page } = app
    await expect(page.getByTestId('app-ready')).toBeVisible()
    await dropFiles(page, ['scanned-memo.pdf'])
    const outcome = page.getByTestId('import-outcome').first()
    await expect(outcome).toHaveAttribute('data-status', 'imported', { timeout: 90_000 })
    await expect(outcome).toContainText(/Imported as article · 2 pages read by OCR, mean confidence \d+%/)
    await outcome.getByRole('button', { name: 'Open scanned-memo.pdf' }).click()
    const body = page.getByTestId('article-body')
    await expect(body).toContainText('Only 4,403 cases were closed.')
    await expect(body.getByTestId('page-mark')).toHaveCount(2)
    await expect(body.getByTestId('page-mark').nth(1)).toContainText(/^p\. 2 · read by OCR, \d+% confidence$/)
    // Read out to a screen reader as it is shown (review U24-12: it was aria-hidden).
    await expect(body.getByText(/^p\. 2 · read by OCR, \d+% confidence$/)).toBeVisible()
    await expect(body.getByTestId('page-mark').nth(1)).not.toHaveAttribute('aria-hidden', 'true')
    await screenshot(page, '27-ocr-article')
  } finally {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
