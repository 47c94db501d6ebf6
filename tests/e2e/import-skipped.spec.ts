// A dropped folder holding a document open in Word also holds Word's lock file (~$memo.docx). The
// lock file is left out of the import, and the import panel says so, by name and why, under the
// job's results. Browser back end only: a File made in the page has no path in Electron.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { dropFiles, screenshot } from './fixtures'
import { launchCasefile } from './launch'

test('a dropped folder’s Office lock file is listed as left out, beside what was imported', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'casefile-skipped-'))
  const folder = join(dir, 'foia-release')
  mkdirSync(folder)
  writeFileSync(join(folder, 'memo.txt'), 'Release memo\n\nThe field office reviewed the pending cases.\n')
  writeFileSync(join(folder, '~$memo.docx'), 'owner\u0000lock')
  const app = await launchCasefile({ archivePath: join(dir, 's.casefile'), dropDir: dir })
  try {
    test.skip(app.backend !== 'chromium', 'a File made in the page has no path on disk in Electron')
    const { page } = app
    await expect(page.getByTestId('app-ready')).toBeVisible()
    await dropFiles(page, ['foia-release'])
    const job = page.getByRole('region', { name: 'Imports' }).getByTestId('import-job').first()
    await expect(job).toHaveAttribute('data-state', 'done')
    await expect(job.getByTestId('import-outcome')).toHaveCount(1)
    await expect(job.getByTestId('import-outcome')).toContainText('memo.txt')
    const skipped = job.getByTestId('import-skipped').getByRole('listitem')
    await expect(skipped).toHaveText(['Left out ~$memo.docx — Office’s lock file for a document open in Word or Excel'])
    await screenshot(page, '25-import-left-out')
  } finally {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
