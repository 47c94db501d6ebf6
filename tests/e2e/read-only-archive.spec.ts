// A damaged archive in the window: it opens for reading, a strip across the top says it is
// read-only and what to do, in the very sentence the CLI prints, and a change is refused with it.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { openArchive } from '../../src/main/core/index'
import { damageLeafPage } from '../helpers/damage-archive'
import { expect, screenshot, test } from './fixtures'
import { launchCasefile, PROJECT_ROOT } from './launch'

test('a damaged archive opens read-only with a visible warning, and refuses a new note in the same words as the CLI', async ({ archivePath }) => {
  const made = await openArchive(archivePath, { create: true, seedDir: join(PROJECT_ROOT, 'resources', 'sample'), nativeBinding: null })
  made.close()
  damageLeafPage(archivePath, 'ds_4', 1)
  const cli = spawnSync(process.execPath, [join(PROJECT_ROOT, 'out', 'main', 'cli.js'), '--archive', archivePath, 'info'], { encoding: 'utf8' })
  expect(cli.status).toBe(0)
  const warning = cli.stderr.replace(/^casefile: /, '').trimEnd()
  expect(warning).toMatch(/^e2e\.casefile is damaged, so Casefile opened it read-only and changes nothing in it\. See what is wrong with casefile check/)

  const casefile = await launchCasefile({ archivePath })
  try {
    const { page } = casefile
    await expect(page.getByTestId('app-ready')).toBeVisible()
    const banner = page.getByTestId('read-only-banner')
    await expect(banner).toBeVisible()
    await expect(banner).toHaveText(`Read-only ${warning}`)
    // Reading still works: the seed article is listed and opens.
    await page.getByTestId('article-list-item').first().click()
    await expect(page.getByTestId('article-body')).toBeVisible()
    await page.getByRole('button', { name: 'New note', exact: true }).click()
    await expect(page.getByRole('alert').filter({ hasText: 'The note could not be created' })).toHaveText(`The note could not be created: ${warning}`)
    await screenshot(page, 'read-only-damaged-archive')
  } finally {
    await casefile.close()
  }
})
