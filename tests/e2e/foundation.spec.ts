import { BRIDGE_MEMBERS } from '../helpers/bridge-members'
import { expect, screenshot, test } from './fixtures'

const SEED_TITLE = 'Record Number of Deportations Continue Despite U.S. Review of Backlog'

test.describe('Casefile on a new archive', () => {
  test('opens on the seeded archive', async ({ page }) => {
    await expect(page.getByTestId('app-ready')).toBeVisible()
    await expect(page.getByRole('navigation', { name: 'Archive' })).toContainText('e2e.casefile')
    await expect(page.getByTestId('article-list-item')).toHaveCount(7)
    await expect(page.getByTestId('dataset-list-item')).toHaveCount(5)
    await screenshot(page, '01-start')
  })

  test('lists the seed article and opens it', async ({ page }) => {
    await page.getByTestId('article-list-item').filter({ hasText: SEED_TITLE }).click()
    const article = page.getByRole('article')
    await expect(article.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE)
    await expect(article).toContainText('Jorge Rivas')
    await expect(article).toContainText('Colorlines')
    await expect(article).toContainText('7 June 2012')
    await expect(page.getByTestId('article-body')).toContainText('immigration prosecutors had examined 288,361 cases')
    await screenshot(page, '02-article')
  })

  test('finds the seed article for "prosecutors" with a highlighted snippet', async ({ page }) => {
    await expect(page.getByTestId('app-ready')).toBeVisible()
    await page.keyboard.press('Control+K')
    const search = page.getByRole('searchbox', { name: 'Search archive' })
    await expect(search).toBeFocused()
    await search.fill('prosecutors')
    const hit = page.getByTestId('search-hit').filter({ hasText: SEED_TITLE })
    await expect(hit).toBeVisible()
    await expect(hit.locator('mark').first()).toHaveText(/prosecutors/i)
    await screenshot(page, '03-search')
    await hit.click()
    await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE)
    await expect(page.getByTestId('article-body').locator('mark').first()).toHaveText(/prosecutors/i)
    await screenshot(page, '04-search-hit-opened')
  })

  test('opens a dataset and shows its first rows with column names and types', async ({ page }) => {
    await page.getByTestId('dataset-list-item').filter({ hasText: 'ICE removals by fiscal year' }).click()
    const table = page.getByTestId('dataset-table')
    await expect(table.locator('thead')).toContainText('fiscal_year')
    await expect(table.locator('thead')).toContainText('integer')
    const firstRow = table.locator('tbody tr').first()
    await expect(firstRow).toContainText('2005')
    await expect(firstRow).toContainText('195,066')
    await expect(page.getByRole('main')).toContainText('TRAC')
    await screenshot(page, '05-dataset')
  })

  test('looks right in the dark theme', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.getByTestId('article-list-item').filter({ hasText: SEED_TITLE }).click()
    await expect(page.getByTestId('article-body')).toBeVisible()
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    const [r, g, b] = background.match(/\d+/g)!.map(Number)
    expect(r! + g! + b!).toBeLessThan(200)
    await screenshot(page, '06-article-dark')
  })

  test('the page sees exactly the contract and nothing of Node', async ({ page, casefile }) => {
    await expect(page.getByTestId('app-ready')).toBeVisible()
    const surface = await page.evaluate(() => ({
      keys: Object.keys((window as unknown as { casefile: object }).casefile).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process
    }))
    expect(surface.keys).toEqual(BRIDGE_MEMBERS)
    expect(surface.require).toBe('undefined')
    expect(surface.process).toBe('undefined')
    const bad = await page.evaluate(() =>
      (window as unknown as { casefile: { getArticle(a: unknown): Promise<unknown> } }).casefile.getArticle({ id: 'one' })
    )
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } })
    expect(casefile.blockedRequests).toEqual([])
  })
})
