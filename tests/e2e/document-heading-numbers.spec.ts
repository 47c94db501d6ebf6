// A Word file whose heading styles are tied to a multilevel list ("1 Background", "2.1 Scope") opens
// with its headings numbered as Word shows them, in the text and as headings, and titled by its
// first heading without the number (review U24-20). Browser back end only: a File made in the page
// has no path in Electron.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { wordHeadingNumbering, wordHeadingStyles, wordNumberedParagraph, wordPackage } from '../helpers/office-documents'
import { axeViolations } from './axe'
import { dropFiles, screenshot } from './fixtures'
import { launchCasefile } from './launch'

test('a .docx’s outline-numbered headings keep their numbers in the reader, and the title has none', async () => {
  test.setTimeout(90_000)
  const dir = mkdtempSync(join(tmpdir(), 'casefile-heading-numbers-'))
  const body = [
    wordNumberedParagraph('Background', 'Heading1'),
    wordNumberedParagraph('The office reviewed 411,000 pending cases.', null),
    wordNumberedParagraph('Findings', 'Heading1'),
    wordNumberedParagraph('Scope', 'Heading2'),
    wordNumberedParagraph('The review covered every docket.', null),
    wordNumberedParagraph('Method', 'Heading2'),
    wordNumberedParagraph('Each case was read twice.', null)
  ].join('')
  writeFileSync(join(dir, 'outline-memo.docx'), wordPackage(body, wordHeadingStyles(true), wordHeadingNumbering(true)))
  const app = await launchCasefile({ archivePath: join(dir, 'h.casefile'), dropDir: dir })
  try {
    test.skip(app.backend !== 'chromium', 'a File made in the page has no path on disk in Electron')
    const { page } = app
    await expect(page.getByTestId('app-ready')).toBeVisible()
    await dropFiles(page, ['outline-memo.docx'])
    const job = page.getByRole('region', { name: 'Imports' }).getByTestId('import-job').filter({ hasText: 'outline-memo.docx' })
    await expect(job).toHaveAttribute('data-state', 'done')
    await job.getByRole('button', { name: 'Open outline-memo.docx' }).click()
    await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText('Background')
    const article = page.getByTestId('article-body')
    await expect(article.getByRole('heading', { level: 2 })).toHaveText(['1 Background', '2 Findings'])
    await expect(article.getByRole('heading', { level: 3 })).toHaveText(['2.1 Scope', '2.2 Method'])
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, 'document-heading-numbers')
  } finally {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
