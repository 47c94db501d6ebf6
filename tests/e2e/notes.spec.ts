// Notes with citations, and export (issue 6): quote a passage of an article into a note, embed a
// saved chart, follow a citation back to the passage, export to PDF / HTML, keep hostile Markdown
// inert, tags and the notes list's filter, sort, undo and dossier. Runs against the seeded sample
// archive: 7 articles (the Colorlines seed first), 5 datasets, 3 saved charts, no notes.

import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import type { Locator, Page } from '@playwright/test'
import { dragSelect } from './article-selection'
import { expect, screenshot, test } from './fixtures'

const SEED_TITLE = 'Record Number of Deportations Continue Despite U.S. Review of Backlog'
const WORDS = 'immigration prosecutors had examined 288,361 cases'
const REVIEW_CHART = 'Review: cases reviewed and cases closed, by report date'

async function ready(page: Page): Promise<void> {
  await expect(page.getByTestId('app-ready')).toBeVisible()
}

async function openSeedArticle(page: Page): Promise<Locator> {
  await ready(page)
  await page.getByTestId('article-list-item').filter({ hasText: SEED_TITLE }).click()
  const body = page.getByTestId('article-body')
  await expect(body).toContainText(WORDS)
  return body
}

/** Selects from the start of the article's title to the end of `words` in the body. */
async function selectFromTitle(page: Page, words: string): Promise<void> {
  await page.evaluate((text) => {
    const title = document.querySelector('#article-title') as HTMLElement
    const body = document.querySelector('[data-testid="article-body"]') as HTMLElement
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const at = (node.textContent ?? '').indexOf(text)
      if (at < 0) continue
      const range = document.createRange()
      range.setStart(title.firstChild as Node, 0)
      range.setEnd(node, at + text.length)
      const selection = document.getSelection() as Selection
      selection.removeAllRanges()
      selection.addRange(range)
      return
    }
    throw new Error(`"${text}" is not in the article body`)
  }, words)
}

/** How many pixels of the canvas have been drawn on (alpha above zero). */
async function inkedPixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((element) => {
    const drawing = element as HTMLCanvasElement
    const context = drawing.getContext('2d')
    if (context === null || drawing.width === 0 || drawing.height === 0) return 0
    const pixels = context.getImageData(0, 0, drawing.width, drawing.height).data
    let inked = 0
    for (let index = 3; index < pixels.length; index += 4) if ((pixels[index] ?? 0) > 0) inked++
    return inked
  })
}

async function newNote(page: Page, title: string, body: string): Promise<void> {
  await page.getByRole('button', { name: 'New note', exact: true }).click()
  const titleInput = page.getByRole('textbox', { name: 'Note title' })
  await expect(titleInput).toBeFocused()
  await titleInput.fill(title)
  await titleInput.press('Enter')
  const text = page.getByTestId('note-body-input')
  await expect(text).toBeFocused()
  if (body !== '') await text.fill(body)
  await expect(page.getByTestId('save-status')).toHaveText('Saved')
}

/** chart.js animates a new drawing for a second; screenshots should show the finished chart. */
async function chartSettled(page: Page): Promise<void> {
  await page.waitForTimeout(1_100)
}

function noteList(page: Page): Locator {
  return page.getByTestId('note-list')
}

function pdfText(path: string): string {
  return execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
}

test.describe('Notes', () => {
  test('quotes a passage into a new note, embeds a chart, follows the citation back and exports a PDF', async ({ page, casefile }) => {
    await openSeedArticle(page)
    await dragSelect(page, WORDS)
    const offer = page.getByTestId('quote-in-note')
    await expect(offer).toBeVisible()
    await screenshot(page, '70-quote-offer')

    await offer.click()
    const popover = page.getByTestId('quote-popover')
    await expect(popover.getByRole('heading', { name: 'Quote in note' })).toBeVisible()
    await expect(popover.locator('blockquote')).toHaveText(`“${WORDS}”`)
    await expect(popover.getByRole('textbox', { name: 'Find a note, or name a new one' })).toBeFocused()
    await screenshot(page, '71-quote-choose-note')
    await popover.getByRole('button', { name: /New note/ }).click()
    await expect(popover.getByRole('status')).toContainText(`A new note, “Notes on ${SEED_TITLE}”`)
    await expect(popover.getByRole('button', { name: 'Open note' })).toBeFocused()
    await popover.getByRole('button', { name: 'Open note' }).click()

    // The note quotes the words, with a numbered reference and the seed article in its Sources.
    const view = page.getByTestId('note-view')
    const preview = view.getByTestId('note-preview')
    await expect(view.getByRole('heading', { name: `Notes on ${SEED_TITLE}` })).toBeVisible()
    await expect(preview.locator('blockquote')).toContainText(WORDS)
    const reference = preview.locator('blockquote button[data-cite]')
    await expect(reference).toHaveText('1')
    await expect(reference).toHaveAccessibleName(new RegExp(`^Source 1: ${SEED_TITLE.replace(/[.]/g, '\\.')}`))
    await expect(preview.getByTestId('note-sources')).toContainText(SEED_TITLE)
    await expect(noteList(page).getByTestId('note-list-item')).toHaveCount(1)

    // Edit: the Markdown says exactly what the quote action wrote; embed a saved chart.
    await view.getByRole('button', { name: 'Edit' }).click()
    const text = page.getByTestId('note-body-input')
    await expect(text).toHaveValue(new RegExp(`^> ${WORDS} \\[\\[cite:\\d+\\]\\]\\n$`))
    await text.press('Control+End')
    await text.pressSequentially('\nThe review closed fewer than 2% of the cases it examined.')
    await view.getByRole('button', { name: 'Embed chart…' }).click()
    const picker = page.getByTestId('citation-picker')
    await expect(picker.getByRole('heading', { name: 'Embed chart' })).toBeVisible()
    await expect(picker.getByRole('button')).toHaveCount(4) // three charts and Cancel
    await picker.getByRole('button', { name: new RegExp(REVIEW_CHART) }).click()
    await expect(picker).toBeHidden()
    await expect(text).toBeFocused()
    await expect(text).toHaveValue(/\n\n\[\[chart:\d+\]\]\n$/)

    // The preview draws the chart: its canvas really has pixels on it.
    const embed = preview.getByTestId('note-chart')
    await expect(embed).toContainText(`Chart: ${REVIEW_CHART}`)
    const canvas = embed.getByTestId('chart-canvas')
    await expect.poll(() => inkedPixels(canvas), { timeout: 10_000 }).toBeGreaterThan(2_000)
    await expect(page.getByTestId('save-status')).toHaveText('Saved')
    await chartSettled(page)
    await screenshot(page, '72-note-editor-preview')

    await view.getByRole('button', { name: 'Done' }).click()
    await expect(preview.getByTestId('note-sources').locator('li')).toHaveCount(2)
    await expect.poll(() => inkedPixels(preview.getByTestId('chart-canvas')), { timeout: 10_000 }).toBeGreaterThan(2_000)
    await chartSettled(page)
    await screenshot(page, '73-note-reading')
    await preview.getByTestId('note-sources').scrollIntoViewIfNeeded()
    await screenshot(page, '87-note-sources')

    // The reference opens the article at the quoted passage, marked.
    await preview.locator('button[data-cite]').first().click()
    await expect(page.getByTestId('passage-bar')).toContainText(`Quoted in “Notes on ${SEED_TITLE}”`)
    const marked = await page.evaluate(() => {
      const highlight = CSS.highlights.get('casefile-passage')
      const range = highlight === undefined ? null : ([...highlight][0] as Range | undefined)
      if (range === undefined || range === null) return null
      const box = range.getBoundingClientRect()
      return { text: range.toString(), top: box.top, bottom: box.bottom, height: window.innerHeight }
    })
    expect(marked?.text).toBe(WORDS)
    expect(marked!.top).toBeGreaterThan(0)
    expect(marked!.bottom).toBeLessThan(marked!.height)
    await screenshot(page, '74-citation-opens-passage')

    await page.getByRole('button', { name: '← Back to note' }).click()
    await expect(view.getByRole('heading', { name: `Notes on ${SEED_TITLE}` })).toBeVisible()

    // Export to PDF: the file has the quote and a Sources list naming the article.
    await view.getByRole('button', { name: 'Export…' }).click()
    const dialog = page.getByTestId('export-dialog')
    await expect(dialog.getByRole('radio', { name: /PDF/ })).toBeChecked()
    await screenshot(page, '75-export-dialog')
    await dialog.getByRole('button', { name: 'Export…' }).click()
    await expect(dialog.getByTestId('export-outcome')).toHaveText('Saved the note as PDF.', { timeout: 20_000 })
    const savedFiles = await casefile.savedFiles()
    expect(savedFiles).toHaveLength(1)
    const saved = savedFiles[0] as string
    await expect(dialog.getByTestId('export-path')).toHaveText(saved)
    expect(saved.endsWith('.pdf')).toBe(true)
    expect(existsSync(saved)).toBe(true)
    await screenshot(page, '76-export-saved')
    const pdf = pdfText(saved)
    expect(pdf).toContain(WORDS)
    expect(pdf).toContain('Sources')
    expect(pdf).toContain(SEED_TITLE)
    expect(pdf.indexOf('Sources')).toBeLessThan(pdf.lastIndexOf(SEED_TITLE))
    await dialog.getByRole('button', { name: 'Done' }).click()
    await expect(dialog).toBeHidden()
    expect(casefile.blockedRequests).toEqual([])
  })

  test('Q quotes into an existing note from the keyboard; a selection that reaches the title is refused', async ({ page }) => {
    await ready(page)
    await newNote(page, 'Review figures', 'Figures from the review.')
    await openSeedArticle(page)

    await selectFromTitle(page, 'immigration prosecutors')
    await expect(page.getByTestId('quote-in-note')).toBeVisible()
    await page.keyboard.press('q')
    const popover = page.getByTestId('quote-popover')
    await expect(popover.getByRole('alert')).toContainText('Only the article’s own text can be quoted')
    await screenshot(page, '77-quote-refused')
    await page.keyboard.press('Escape')
    await expect(popover).toBeHidden()

    await dragSelect(page, 'To date, 4,403 deportation cases have been closed.')
    await page.keyboard.press('q')
    const find = popover.getByRole('textbox', { name: 'Find a note, or name a new one' })
    await expect(find).toBeFocused()
    await find.fill('review fig')
    await expect(popover.getByRole('button', { name: /Review figures/ })).toBeVisible()
    await find.press('Enter')
    await expect(popover.getByRole('status')).toHaveText('Added to “Review figures”.')
    await popover.getByRole('button', { name: 'Open note' }).press('Enter')

    const preview = page.getByTestId('note-preview')
    await expect(preview).toContainText('Figures from the review.')
    await expect(preview.locator('blockquote')).toContainText('To date, 4,403 deportation cases have been closed.')
    await page.getByTestId('note-view').getByRole('button', { name: 'Edit' }).click()
    await expect(page.getByTestId('note-body-input')).toHaveValue(/^Figures from the review\.\n\n> To date, 4,403 deportation cases have been closed\. \[\[cite:\d+\]\]\n$/)
  })

  test('Insert citation… cites a dataset; its numbered reference opens the dataset', async ({ page }) => {
    await ready(page)
    await newNote(page, 'Court backlog', 'The backlog kept growing')
    const view = page.getByTestId('note-view')
    await view.getByRole('button', { name: 'Insert citation…' }).click()
    const picker = page.getByTestId('citation-picker')
    await expect(picker.getByRole('heading', { name: 'Insert citation' })).toBeVisible()
    await picker.getByRole('searchbox', { name: 'Filter datasets and charts' }).fill('backlog')
    await picker.getByRole('textbox', { name: /Which part/ }).fill('FY2012 rows')
    await screenshot(page, '86-insert-citation')
    await picker.getByRole('button', { name: /Immigration court backlog/ }).click()
    await expect(picker).toBeHidden()
    const text = page.getByTestId('note-body-input')
    await expect(text).toBeFocused()
    await expect(text).toHaveValue(/^The backlog kept growing \[\[cite:\d+\]\]$/)
    const preview = page.getByTestId('note-preview')
    await expect(preview.locator('button[data-cite]')).toHaveText('1')
    await expect(preview.getByTestId('note-sources')).toContainText('Immigration court backlog')
    await expect(preview.getByTestId('note-sources')).toContainText('FY2012 rows')
    await expect(page.getByTestId('save-status')).toHaveText('Saved')
    await preview.locator('button[data-cite]').click()
    await expect(page.getByTestId('dataset-list-item').filter({ hasText: 'Immigration court backlog' })).toHaveAttribute('aria-current', 'page')
  })

  test('a hostile note renders inertly: nothing runs, nothing is fetched, nothing opens', async ({ page, casefile }) => {
    let dialogs = 0
    page.on('dialog', (dialog) => {
      dialogs++
      void dialog.dismiss()
    })
    await ready(page)
    const hostile = [
      '# Hostile note',
      '<script>window.__pwned = 1; alert("script")</script>',
      '<img src="https://evil.example/x.png" onerror="window.__pwned = 2; alert(\'img\')">',
      '[click me](javascript:window.__pwned=3) and <javascript:alert(4)> and [data](data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==)',
      '<iframe src="https://evil.example/frame"></iframe>',
      '<svg onload="window.__pwned = 6"><script>alert(7)</script></svg>',
      '<div style="background:url(https://evil.example/bg.png); width: expression(alert(8))">styled</div>',
      '<style>body { background: url(https://evil.example/style.png) }</style>',
      '![tracking pixel](https://evil.example/pixel.png)',
      '<a href="https://evil.example/" onclick="window.__pwned = 9">raw link</a>',
      '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/y">',
      '<form action="https://evil.example/"><input name="q"><button>Send</button></form>',
      '[[cite:999999]] [[chart:999999]]'
    ].join('\n\n')
    await newNote(page, 'Hostile', hostile)
    await page.getByTestId('note-view').getByRole('button', { name: 'Done' }).click()

    const preview = page.getByTestId('note-preview')
    await expect(preview).toContainText('<script>window.__pwned = 1; alert("script")</script>')
    await expect(preview).toContainText('[image: tracking pixel]')
    await expect(preview).toContainText('[Chart 999999 is not in the archive]')
    await expect(preview.locator('sup.missing')).toHaveText('?')
    const found = await preview.evaluate((root) => ({
      elements: root.querySelectorAll('script, iframe, img, svg, object, embed, form, input, style, [style], [onerror], [onload], [onclick]').length,
      links: [...root.querySelectorAll('a')].map((link) => link.getAttribute('href')),
      pwned: (window as unknown as { __pwned?: number }).__pwned ?? null
    }))
    expect(found.elements).toBe(0)
    expect(found.links).toEqual([])
    expect(found.pwned).toBeNull()
    await screenshot(page, '78-hostile-note')

    // Clicking what looks like a link does nothing either.
    await preview.getByText('click me').click()
    await page.waitForTimeout(300)
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null)).toBeNull()
    expect(dialogs).toBe(0)
    expect(casefile.blockedRequests).toEqual([])
  })

  test('tags: added with suggestions, removed, and used with words and sort to filter the list; delete can be undone', async ({ page }) => {
    await ready(page)
    await newNote(page, 'Closure rate', 'Fewer than 2% of the reviewed cases were closed.')
    const tags = page.getByTestId('note-tags')
    const addTag = tags.getByRole('combobox', { name: 'Add a tag' })
    await addTag.fill('prosecutorial discretion')
    await addTag.press('Enter')
    // The field keeps the keyboard, so tags can be typed one after another.
    await expect(addTag).toBeFocused()
    await page.keyboard.type('ICE,')
    await expect(addTag).toHaveValue('')
    await expect(tags.getByRole('button', { name: /^#/ })).toHaveText(['#ICE', '#prosecutorial discretion'])

    await newNote(page, 'Backlog', 'More than 411,000 pending cases.')
    await addTag.fill('pro')
    const suggestion = tags.getByRole('option', { name: 'prosecutorial discretion' })
    await expect(suggestion).toBeVisible()
    await screenshot(page, '79-tag-suggestions')
    await addTag.press('ArrowDown')
    await expect(suggestion).toHaveAttribute('aria-selected', 'true')
    await addTag.press('Enter')
    await addTag.fill('scratch')
    await addTag.press('Enter')
    await expect(tags.getByRole('button', { name: /^#/ })).toHaveText(['#prosecutorial discretion', '#scratch'])
    await tags.getByRole('button', { name: 'Remove tag scratch' }).click()
    await expect(tags.getByRole('button', { name: /^#/ })).toHaveText(['#prosecutorial discretion'])

    await newNote(page, 'Another thought', 'Nothing tagged here.')

    const list = noteList(page)
    const items = list.getByTestId('note-list-item')
    await expect(items).toHaveCount(3)
    await expect(items.first()).toContainText('Another thought')
    await list.getByRole('combobox', { name: 'Sort notes' }).selectOption('title')
    await expect(items).toHaveText([/Another thought/, /Backlog/, /Closure rate/])
    await list.getByRole('combobox', { name: 'Filter notes by tag' }).selectOption('ICE')
    await expect(items).toHaveText([/Closure rate/])
    await list.getByRole('combobox', { name: 'Filter notes by tag' }).selectOption('')
    await list.getByRole('searchbox', { name: 'Filter notes' }).fill('411,000')
    await expect(items).toHaveText([/Backlog/])
    await expect(list).toContainText('1 of 3')
    await list.getByRole('searchbox', { name: 'Filter notes' }).fill('nothing like this')
    await expect(list).toContainText('No notes match “nothing like this”.')
    await list.getByRole('button', { name: 'Show all notes' }).click()
    await expect(items).toHaveCount(3)

    // A tag in a note lists the notes that carry it.
    await items.filter({ hasText: 'Backlog' }).click()
    await page.getByTestId('note-tags').getByRole('button', { name: '#prosecutorial discretion' }).click()
    await expect(items).toHaveText([/Backlog/, /Closure rate/])
    await expect(list.getByRole('combobox', { name: 'Filter notes by tag' })).toHaveValue('prosecutorial discretion')
    await screenshot(page, '80-notes-filtered-by-tag')

    // Delete, then undo: the note comes back with its title, text and tags.
    await page.getByTestId('note-view').getByRole('button', { name: 'Delete' }).click()
    const undo = page.getByTestId('note-undo')
    await expect(undo).toContainText('Deleted “Backlog”.')
    await expect(undo.getByRole('button', { name: 'Undo' })).toBeFocused()
    await expect(items).toHaveText([/Closure rate/])
    await screenshot(page, '81-note-deleted-undo')
    await undo.getByRole('button', { name: 'Undo' }).click()
    await expect(undo).toBeHidden()
    await expect(page.getByTestId('note-view').getByRole('heading', { name: 'Backlog' })).toBeVisible()
    await expect(page.getByTestId('note-preview')).toContainText('More than 411,000 pending cases.')
    await expect(page.getByTestId('note-tags').getByRole('button', { name: /^#/ })).toHaveText(['#prosecutorial discretion'])
    await expect(items).toHaveText([/Backlog/, /Closure rate/])
  })

  test('several notes export as one dossier with a title', async ({ page, casefile }) => {
    await ready(page)
    await newNote(page, 'First finding', 'The review began in November 2011.')
    await newNote(page, 'Second finding', 'By May 2012, 4,403 cases were closed.')
    await newNote(page, 'Not in the dossier', 'Left out.')

    const list = noteList(page)
    await list.getByRole('button', { name: 'Select notes to export' }).click()
    await list.getByRole('checkbox', { name: 'Select “First finding”' }).check()
    await list.getByRole('checkbox', { name: 'Select “Second finding”' }).check()
    await expect(list.getByTestId('dossier-bar')).toContainText('2 selected')
    await screenshot(page, '82-dossier-selection')
    await list.getByRole('button', { name: 'Export dossier…' }).click()

    const dialog = page.getByTestId('export-dialog')
    await expect(dialog.getByRole('heading', { name: 'Export dossier' })).toBeVisible()
    await expect(dialog.locator('ol li')).toHaveText(['Second finding', 'First finding'])
    await dialog.getByRole('textbox', { name: 'Dossier title' }).fill('Review dossier')
    await dialog.getByRole('radio', { name: /HTML/ }).check()
    await screenshot(page, '83-dossier-export')
    await dialog.getByRole('button', { name: 'Export…' }).click()
    await expect(dialog.getByTestId('export-outcome')).toHaveText('Saved 2 notes as HTML.')
    const saved = (await casefile.savedFiles())[0] as string
    expect(saved.endsWith('Review dossier.html')).toBe(true)
    const html = readFileSync(saved, 'utf8')
    expect(html).toContain('<title>Review dossier</title>')
    expect(html).toContain('First finding')
    expect(html).toContain('Second finding')
    expect(html).not.toContain('Left out.')
  })

  test('looks right in the dark theme', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' })
    await openSeedArticle(page)
    await dragSelect(page, WORDS)
    await page.keyboard.press('q')
    await page.getByTestId('quote-popover').getByRole('button', { name: /New note/ }).click()
    await page.getByTestId('quote-popover').getByRole('button', { name: 'Open note' }).click()
    const view = page.getByTestId('note-view')
    await view.getByRole('button', { name: 'Edit' }).click()
    await view.getByRole('button', { name: 'Embed chart…' }).click()
    await page.getByTestId('citation-picker').getByRole('button', { name: /closure rate/ }).click()
    await expect.poll(() => inkedPixels(page.getByTestId('chart-canvas')), { timeout: 10_000 }).toBeGreaterThan(2_000)
    await expect(page.getByTestId('save-status')).toHaveText('Saved')
    await chartSettled(page)
    await screenshot(page, '84-note-editor-dark')
    await page.getByTestId('note-preview').locator('button[data-cite]').first().click()
    await expect(page.getByTestId('passage-bar')).toBeVisible()
    await screenshot(page, '85-passage-dark')
  })
})
