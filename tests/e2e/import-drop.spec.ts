// Dropping a file on the window imports it: the overlay shows while it is dragged, the import panel
// opens with the job, the dataset appears in the sidebar and opens from the panel, and dropping the
// same bytes again is reported as already in the archive.
// Uses tests/fixtures/import/ice-removals-by-citizenship-top5.csv (10 rows, 4 columns). In the browser back end
// pathForFile(file) is `${dropDir}/${file.name}`; on the Electron back end a page-made File has no path,
// so this spec runs on the browser back end only.

import type { Page } from '@playwright/test'
import { expect, screenshot, test } from './fixtures'

const FILE = 'ice-removals-by-citizenship-top5.csv'

/** Drags File objects with these names over the window, as the OS would; `drop` lets go. */
async function dragFiles(page: Page, names: string[], phase: 'hover' | 'drop') {
  const dataTransfer = await page.evaluateHandle((files) => {
    const transfer = new DataTransfer()
    for (const name of files) transfer.items.add(new File(['(contents are read from disk)'], name))
    return transfer
  }, names)
  await page.dispatchEvent('body', 'dragenter', { dataTransfer })
  await page.dispatchEvent('main', 'dragenter', { dataTransfer })
  await page.dispatchEvent('body', 'dragleave', { dataTransfer })
  await page.dispatchEvent('main', 'dragover', { dataTransfer })
  if (phase === 'drop') await page.dispatchEvent('main', 'drop', { dataTransfer })
  return dataTransfer
}

test.describe('Dropping files on the window', () => {
  test.beforeEach(({ casefile }) => {
    test.skip(casefile.backend !== 'chromium', 'a File made in the page has no path on disk in Electron')
  })

  test('shows the drop overlay only while files are dragged over the window', async ({ page }) => {
    await expect(page.getByTestId('app-ready')).toBeVisible()
    const text = await page.evaluateHandle(() => {
      const transfer = new DataTransfer()
      transfer.setData('text/plain', 'not a file')
      return transfer
    })
    await page.dispatchEvent('main', 'dragenter', { dataTransfer: text })
    await expect(page.getByTestId('drop-overlay')).toBeHidden()

    const files = await dragFiles(page, [FILE], 'hover')
    await expect(page.getByTestId('drop-overlay')).toBeVisible()
    await expect(page.getByTestId('drop-overlay')).toContainText('Drop files to import')
    await screenshot(page, '20-drop-overlay')
    await page.dispatchEvent('main', 'dragleave', { dataTransfer: files })
    await expect(page.getByTestId('drop-overlay')).toBeHidden()
  })

  test('imports a dropped CSV and the dataset appears', async ({ page }) => {
    await expect(page.getByTestId('app-ready')).toBeVisible()
    await expect(page.getByTestId('dataset-list-item')).toHaveCount(5)

    await dragFiles(page, [FILE], 'drop')
    await expect(page.getByTestId('drop-overlay')).toBeHidden()
    const panel = page.getByRole('region', { name: 'Imports' })
    await expect(panel).toBeVisible()
    const job = panel.getByTestId('import-job').first()
    await expect(job).toHaveAttribute('data-state', 'done')
    const outcome = job.getByTestId('import-outcome')
    await expect(outcome).toHaveAttribute('data-status', 'imported')
    await expect(outcome).toContainText('Imported as dataset · 10 rows')

    await expect(page.getByTestId('dataset-list-item')).toHaveCount(6)
    await expect(page.getByTestId('dataset-list-item').filter({ hasText: 'ice-removals-by-citizenship-top5' })).toBeVisible()
    await screenshot(page, '21-drop-imported')

    await outcome.getByRole('button', { name: `Open ${FILE}` }).click()
    await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText('ice-removals-by-citizenship-top5')
    const table = page.getByTestId('dataset-table')
    await expect(table.locator('thead')).toContainText('country_of_citizenship')
    await expect(table.locator('tbody tr')).toHaveCount(10)
    await expect(table.locator('tbody tr').first()).toContainText('MEXICO')

    // The same bytes again: nothing is added, and the panel says so.
    await dragFiles(page, [FILE], 'drop')
    await expect(panel.getByTestId('import-job')).toHaveCount(2)
    await expect(panel.getByTestId('import-job').first().getByTestId('import-outcome')).toHaveAttribute('data-status', 'duplicate')
    // One plain sentence, without the command line's advice (the panel offers "Import again with options…").
    await expect(panel.getByTestId('import-job').first().locator('.headline')).toHaveText(
      'Already in the archive as dataset “ice-removals-by-citizenship-top5”; nothing was added.'
    )
    await screenshot(page, '21b-drop-duplicate')
    await expect(page.getByTestId('dataset-list-item')).toHaveCount(6)

    // Escape with focus in the panel closes it and hands focus back to its toggle.
    await panel.getByRole('button', { name: 'Clear finished' }).focus()
    await page.keyboard.press('Escape')
    await expect(panel).toBeHidden()
    await expect(page.getByTestId('imports-toggle')).toBeFocused()
  })

  test('keeps markers and spellings as written, counts the markers, and reads chosen tokens as empty only when asked', async ({ page }) => {
    await expect(page.getByTestId('app-ready')).toBeVisible()
    await dragFiles(page, ['withheld-counts.tsv'], 'drop')
    const outcome = page.getByTestId('import-outcome').first()
    await expect(outcome).toHaveAttribute('data-status', 'imported')
    await expect(outcome.getByTestId('import-note')).toHaveCount(0)

    await page.getByTestId('dataset-list-item').filter({ hasText: 'withheld-counts' }).click()
    const table = page.getByTestId('dataset-table')
    await expect(table.locator('th[data-label="removals"]')).toContainText('integer')
    const cells = (column: number) => table.locator(`tbody td[data-column="${column}"]`)
    await expect(cells(1)).toHaveText(['12', 'b6', '(b)(6)', '7', 'N/A'])
    await expect(cells(2)).toHaveText(['1500.50', '2000.00', 'N/A', '950.25', '1e3'])
    // Markers are marked as not being numbers; numbers in their own spelling are numbers.
    await expect(table.locator('td.misfit')).toHaveCount(4)
    await table.locator('th[data-label="removals"]').getByTestId('column-menu-button').click()
    await expect(page.getByTestId('column-popover').getByTestId('column-markers')).toHaveText('3')
    await screenshot(page, '23-markers-kept')
    await page.keyboard.press('Escape')

    // The imports panel stays open beside the dataset; its outcome offers other options.
    await expect(page.getByRole('region', { name: 'Imports' })).toBeVisible()
    await page.getByTestId('import-outcome').first().getByRole('button', { name: /again with options/ }).click()
    const dialog = page.getByRole('dialog', { name: 'Import options' })
    await dialog.getByLabel('Read as empty').fill('N/A\nb6')
    await dialog.getByRole('button', { name: 'Import', exact: true }).click()
    await expect(dialog).toBeHidden()
    const again = page.getByTestId('import-job').first().getByTestId('import-outcome')
    await expect(again).toHaveAttribute('data-status', 'imported')
    await expect(again.getByTestId('import-note')).toHaveText('Read as empty: 1 “N/A” in removals, 1 “b6” in removals, 1 “N/A” in bond_mean')
  })

  test('offers other options for a duplicate and imports it again with force', async ({ page }) => {
    await expect(page.getByTestId('app-ready')).toBeVisible()
    await dragFiles(page, [FILE], 'drop')
    await expect(page.getByTestId('import-outcome').first()).toHaveAttribute('data-status', 'imported')
    await dragFiles(page, [FILE], 'drop')
    const duplicate = page.getByTestId('import-job').first().getByTestId('import-outcome')
    await expect(duplicate).toHaveAttribute('data-status', 'duplicate')

    await duplicate.getByRole('button', { name: /again with options/ }).click()
    const dialog = page.getByRole('dialog', { name: 'Import options' })
    await expect(dialog).toBeVisible()
    await expect(dialog.getByLabel('Import even though it is already in the archive')).toBeChecked()
    await dialog.getByLabel('Delimiter').selectOption({ label: 'Comma' })
    await screenshot(page, '22-import-options')
    await dialog.getByRole('button', { name: 'Import', exact: true }).click()
    await expect(dialog).toBeHidden()

    await expect(page.getByTestId('import-job')).toHaveCount(3)
    await expect(page.getByTestId('import-job').first().getByTestId('import-outcome')).toHaveAttribute('data-status', 'imported')
    await expect(page.getByTestId('dataset-list-item').filter({ hasText: 'ice-removals-by-citizenship-top5' })).toHaveCount(2)
  })
})
