import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, type Page } from '@playwright/test'
import { BackendUnavailable, launchCasefile, PROJECT_ROOT, type LaunchedCasefile } from './launch'

export const SCREENSHOT_DIR = join(PROJECT_ROOT, 'test-results', 'screenshots')

interface Fixtures {
  casefile: LaunchedCasefile
  page: Page
  archivePath: string
}

/** Each test gets a fresh, seeded archive in its own temp folder and Casefile launched on it. */
export const test = base.extend<Fixtures>({
  archivePath: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'casefile-e2e-'))
    await use(join(dir, 'e2e.casefile'))
    rmSync(dir, { recursive: true, force: true })
  },
  casefile: async ({ archivePath }, use, testInfo) => {
    let launched: LaunchedCasefile
    try {
      launched = await launchCasefile({ archivePath })
    } catch (error) {
      if (error instanceof BackendUnavailable) {
        console.warn(`\n*** END-TO-END TESTS SKIPPED: ${error.message} ***\n`)
        testInfo.skip(true, error.message)
      }
      throw error
    }
    const consoleErrors: string[] = []
    launched.page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    launched.page.on('pageerror', (error) => consoleErrors.push(error.message))
    testInfo.annotations.push({ type: 'backend', description: launched.backend })
    await use(launched)
    await launched.close()
    if (consoleErrors.length > 0) throw new Error(`The page logged errors:\n${consoleErrors.join('\n')}`)
  },
  page: async ({ casefile }, use) => {
    await use(casefile.page)
  }
})

export { expect } from '@playwright/test'

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) })
}

/**
 * Drops files with these names on the window, as the OS would (browser back end: each File's path
 * is `${dropDir}/${name}`).
 */
export async function dropFiles(page: Page, names: readonly string[]): Promise<void> {
  const transfer = await page.evaluateHandle((files) => {
    const data = new DataTransfer()
    for (const name of files) data.items.add(new File(['(read from disk)'], name))
    return data
  }, names)
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: transfer })
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer })
}
