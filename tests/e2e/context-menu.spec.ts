// The right-click menu (issue 13): the page says what was clicked, the app shows its native menu
// with the editing commands, and on a passage of an article also "Quote in note…" and "Search the
// archive for …", whose choice comes back to the page. In the browser back end the harness builds
// the menu with the app's own template and chooses an item as a person would; in Electron the
// native menu is answered the same way.

import type { Page } from '@playwright/test'
import { dragSelect, selectionEnd } from './article-selection'
import { expect, screenshot, test } from './fixtures'
import type { MenuShown } from './launch'

const SEED_TITLE = 'Record Number of Deportations Continue Despite U.S. Review of Backlog'
const WORDS = 'immigration prosecutors had examined 288,361 cases'

async function openSeedArticle(page: Page): Promise<void> {
  await expect(page.getByTestId('app-ready')).toBeVisible()
  await page.getByTestId('article-list-item').filter({ hasText: SEED_TITLE }).click()
  await expect(page.getByTestId('article-body')).toContainText(WORDS)
}

function shown(menu: MenuShown | undefined): string[] {
  return (menu?.items ?? []).map((item) => `${item.label}${item.enabled ? '' : ' (off)'}`)
}

test.describe('Right-click menu', () => {
  test('quotes a passage of an article into a note from the menu', async ({ page, casefile }) => {
    await openSeedArticle(page)
    await dragSelect(page, WORDS)
    await casefile.answerContextMenus('quote')
    const at = await selectionEnd(page)
    await page.mouse.click(at.x, at.y, { button: 'right' })
    const popover = page.getByTestId('quote-popover')
    await expect(popover.getByRole('heading', { name: 'Quote in note' })).toBeVisible()
    await expect(popover.locator('blockquote')).toContainText(WORDS)
    const menus = await casefile.contextMenus()
    expect(menus).toHaveLength(1)
    expect(shown(menus[0])).toEqual(['Quote in note…', 'Search the archive for “immigration prosecutors had exa…”', 'Cut (off)', 'Copy', 'Paste (off)', 'Select All'])
    await screenshot(page, '90-context-menu-quote')
    await popover.getByRole('button', { name: /New note/ }).first().click()
    await expect(popover.getByRole('heading', { name: 'Quoted' })).toBeVisible()
  })

  test('searches the archive for the selected words', async ({ page, casefile }) => {
    await openSeedArticle(page)
    await dragSelect(page, WORDS)
    await casefile.answerContextMenus('search')
    const at = await selectionEnd(page)
    await page.mouse.click(at.x, at.y, { button: 'right' })
    await expect(page.getByRole('searchbox')).toHaveValue(`"${WORDS}"`)
    const hits = page.getByTestId('search-hit')
    await expect(hits.first()).toContainText(SEED_TITLE)
    await screenshot(page, '91-context-menu-search')
  })

  test('offers Cut and Paste in a text field, and no Casefile commands', async ({ page, casefile }) => {
    await expect(page.getByTestId('app-ready')).toBeVisible()
    const field = page.getByRole('searchbox')
    await field.fill('backlog review')
    await field.selectText()
    await casefile.answerContextMenus(null)
    await field.click({ button: 'right' })
    const menus = await casefile.contextMenus()
    expect(shown(menus.at(-1))).toEqual(['Cut', 'Copy', 'Paste', 'Select All'])
    // Dismissed: the field and its text are as they were.
    await expect(field).toHaveValue('backlog review')
  })

  test('offers Copy and Select All on the page, and leaves the data table’s own menu alone', async ({ page, casefile }) => {
    await expect(page.getByTestId('app-ready')).toBeVisible()
    await casefile.answerContextMenus(null)
    await page.getByRole('heading', { level: 1 }).first().click({ button: 'right' })
    expect(shown((await casefile.contextMenus()).at(-1))).toEqual(['Cut (off)', 'Copy (off)', 'Paste (off)', 'Select All'])

    await page.getByTestId('dataset-list-item').filter({ hasText: 'ICE removals by fiscal year' }).click()
    const cell = page.getByTestId('dataset-table').locator('tbody tr[data-rowid="1"] td').nth(3)
    await cell.click({ button: 'right' })
    await expect(page.getByTestId('cell-menu')).toBeVisible()
    expect(await casefile.contextMenus()).toHaveLength(1)
  })

  test('shows its menu for a selection longer than a request may carry', async ({ page, casefile }) => {
    await expect(page.getByTestId('app-ready')).toBeVisible()
    await page.getByRole('button', { name: 'New note', exact: true }).click()
    await page.getByRole('textbox', { name: 'Note title' }).fill('Long note')
    const body = page.getByTestId('note-body-input')
    await body.fill('backlog review '.repeat(1_000))
    await expect(page.getByTestId('save-status')).toHaveText('Saved')
    await body.selectText()
    await casefile.answerContextMenus(null)
    await body.click({ button: 'right' })
    await expect.poll(async () => (await casefile.contextMenus()).length).toBe(1)
    expect(shown((await casefile.contextMenus())[0])).toEqual(['Cut', 'Copy', 'Paste', 'Select All'])
    await expect(page.getByRole('status').filter({ hasText: 'The menu could not be shown' })).toHaveCount(0)
  })
})
