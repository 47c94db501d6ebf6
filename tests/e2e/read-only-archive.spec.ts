// A damaged archive in the window: it opens for reading, a strip across the top says it is
// read-only and what to do, in the very sentence the CLI prints, and a change is refused with it.
// The strip offers to rebuild the search indexes, which mends damage confined to them.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { openArchive } from '../../src/main/core/index'
import { damageLeafPage, flipBytesInLeafPage } from '../helpers/damage-archive'
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
    await expect(banner).toHaveText(`Read-only ${warning} Rebuild search indexes`)
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

test('a damaged search index is rebuilt from the strip: the archive takes changes again, and the damaged file is kept', async ({ archivePath }) => {
  const made = await openArchive(archivePath, { create: true, seedDir: join(PROJECT_ROOT, 'resources', 'sample'), nativeBinding: null })
  made.close()
  flipBytesInLeafPage(archivePath, 'articles_fts_data', 3, 200, 1500)

  const casefile = await launchCasefile({ archivePath })
  try {
    const { page } = casefile
    await expect(page.getByTestId('app-ready')).toBeVisible()
    await expect(page.getByTestId('read-only-banner')).toBeVisible()
    await page.getByRole('button', { name: 'Rebuild search indexes' }).click()
    const outcome = page.getByTestId('repair-outcome')
    await expect(outcome).toContainText(`Repaired Rebuilt the articles search index of ${archivePath} in a checked copy and put it in place`, { timeout: 20_000 })
    const kept = readdirSync(dirname(archivePath)).filter((name) => /^e2e\.casefile\.damaged-before-repair-.+\.backup$/.test(name))
    expect(kept).toHaveLength(1)
    await expect(outcome).toContainText(`The damaged file is kept as it was, as ${join(dirname(archivePath), kept[0]!)}`)
    await expect(page.getByTestId('read-only-banner')).toHaveCount(0)
    await page.getByRole('button', { name: 'New note', exact: true }).click()
    await expect(page.getByRole('alert').filter({ hasText: 'The note could not be created' })).toHaveCount(0)
    await screenshot(page, 'search-index-repaired')
  } finally {
    await casefile.close()
  }
})

test('damage outside the search indexes: the strip’s repair is refused in words, and the archive stays as it was', async ({ archivePath }) => {
  const made = await openArchive(archivePath, { create: true, seedDir: join(PROJECT_ROOT, 'resources', 'sample'), nativeBinding: null })
  made.close()
  damageLeafPage(archivePath, 'ds_4', 1)
  const before = createHash('sha256').update(readFileSync(archivePath)).digest('hex')

  const casefile = await launchCasefile({ archivePath })
  try {
    const { page } = casefile
    await expect(page.getByTestId('app-ready')).toBeVisible()
    await page.getByRole('button', { name: 'Rebuild search indexes' }).click()
    await expect(page.getByTestId('repair-outcome')).toContainText(
      'Not repaired e2e.casefile is damaged outside its search indexes (ds_4 (database disk image is malformed)), so rebuilding them cannot mend it; nothing was changed.',
      { timeout: 20_000 }
    )
    await expect(page.getByTestId('read-only-banner')).toBeVisible()
    expect(createHash('sha256').update(readFileSync(archivePath)).digest('hex')).toBe(before)
  } finally {
    await casefile.close()
  }
})
