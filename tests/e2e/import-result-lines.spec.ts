// What a file's line in the import panel offers and says (review U24-10, U24-17): "Import again with
// options…" only where an option could change the outcome (not for a file that is empty or gone),
// warnings without the file name the line already shows, for a workbook a header choice worded
// for what it does there, and a workbook named .csv read as the workbook it is (U24-23). Browser back end only: a File made in the page has no path in Electron.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { dropFiles, screenshot } from './fixtures'
import { launchCasefile, PROJECT_ROOT } from './launch'

const WORKBOOK = 'dhs-yearbook-2013-table-39.xlsx'

test('a file that is empty or gone is not offered options; warnings do not repeat the file name; a workbook asks about column names', async () => {
  test.setTimeout(60_000)
  const dir = mkdtempSync(join(tmpdir(), 'casefile-result-lines-'))
  writeFileSync(join(dir, 'empty.csv'), '')
  // Windows-1252 bytes (é as 0xE9) and a short row: two warnings that start with the file's name.
  writeFileSync(join(dir, 'ragged.csv'), Buffer.concat([Buffer.from('office,closed,pending\nDenver,401,12\nEl Paso,88\nSan Jos'), Buffer.from([0xe9]), Buffer.from(',5,2\n')]))
  // A quote never closed: the "Quotes" option reads it, so this failure keeps the offer.
  writeFileSync(join(dir, 'quoted.csv'), 'name,count\n"Denver,401\nEl Paso,88\n')
  copyFileSync(join(PROJECT_ROOT, 'tests', 'fixtures', 'import', 'workbook', WORKBOOK), join(dir, WORKBOOK))
  // A workbook saved under a CSV's name (review U24-23): read as the workbook it is, and said so.
  copyFileSync(join(PROJECT_ROOT, 'tests', 'fixtures', 'import', 'workbook', 'libreoffice', 'supp.xlsx'), join(dir, 'supp-export.csv'))
  const app = await launchCasefile({ archivePath: join(dir, 'r.casefile'), dropDir: dir })
  try {
    test.skip(app.backend !== 'chromium', 'a File made in the page has no path on disk in Electron')
    const { page } = app
    await expect(page.getByTestId('app-ready')).toBeVisible()
    // gone.csv is not in the folder: dropped, then not found, as a file moved away meanwhile.
    await dropFiles(page, ['empty.csv', 'gone.csv', 'quoted.csv', 'ragged.csv'])
    const panel = page.getByRole('region', { name: 'Imports' })
    const job = panel.getByTestId('import-job').first()
    await expect(job).toHaveAttribute('data-state', /done|failed/)
    const line = (file: string) => job.getByTestId('import-outcome').filter({ hasText: file })
    const again = /Import again with options/

    await expect(line('empty.csv')).toHaveAttribute('data-status', 'failed')
    await expect(line('empty.csv')).toContainText('empty.csv is empty (0 bytes)')
    await expect(line('empty.csv').getByRole('button', { name: again })).toHaveCount(0)
    await expect(line('gone.csv')).toHaveAttribute('data-status', 'failed')
    await expect(line('gone.csv')).toContainText('does not exist')
    await expect(line('gone.csv').getByRole('button', { name: again })).toHaveCount(0)
    await expect(line('quoted.csv')).toHaveAttribute('data-status', 'failed')
    await expect(line('quoted.csv').getByRole('button', { name: again })).toBeVisible()

    const ragged = line('ragged.csv')
    await expect(ragged).toHaveAttribute('data-status', 'imported')
    const warnings = ragged.locator('.warnings li')
    await expect(warnings).toHaveCount(2)
    await expect(warnings.nth(0)).toHaveText(/^The file is not UTF-8; it was read as Windows-1252/)
    await expect(warnings.nth(1)).toHaveText(/^1 row\(s\) did not have 3 fields/)
    await expect(ragged.locator('.warnings')).not.toContainText('ragged.csv')
    await ragged.scrollIntoViewIfNeeded()
    await screenshot(page, '60-import-result-lines')

    await dropFiles(page, [WORKBOOK])
    const workbook = panel.getByTestId('import-job').first().getByTestId('import-outcome')
    await expect(workbook).toHaveAttribute('data-status', 'imported')
    await workbook.getByRole('button', { name: again }).click()
    const dialog = page.getByRole('dialog', { name: 'Import options' })
    await expect(dialog.getByLabel('First row is a header')).toHaveCount(0)
    const header = dialog.getByRole('checkbox', { name: 'Each sheet’s table has column names' })
    await expect(header).toBeChecked()
    await expect(header).toHaveAccessibleDescription(/finds them under any title rows/)
    await screenshot(page, '61-workbook-options-header')
    await dialog.getByRole('button', { name: 'Cancel' }).click()

    await dropFiles(page, ['supp-export.csv'])
    const mislabelled = panel.getByTestId('import-job').first().getByTestId('import-outcome')
    await expect(mislabelled).toHaveAttribute('data-status', 'imported')
    await expect(mislabelled).toContainText(/Imported as (\d+ datasets|dataset)/)
    await expect(page.getByTestId('dataset-list-item').filter({ hasText: 'supp-export' }).first()).toBeAttached()
    await expect(mislabelled.locator('.warnings li').first()).toHaveText('The file is an Excel workbook (.xlsx), not delimited text; it was read as an Excel workbook.')
    await screenshot(page, '62-mislabelled-workbook')
  } finally {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
