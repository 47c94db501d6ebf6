import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from 'better-sqlite3'
import markdownIt from 'markdown-it'
import { insertArticle } from '../../../../../src/main/core/articles/article-queries'
import { addArticleCitation, addDatasetCitation, getCitation } from '../../../../../src/main/core/citations/citation-queries'
import { citationToken } from '../../../../../src/shared/citation-text'
import { exportNotes } from '../../../../../src/main/core/export/export-notes'
import { exportNotesToFile } from '../../../../../src/main/core/export/export-notes-to-file'
import { insertNote, updateNote } from '../../../../../src/main/core/notes/note-queries'
import { saveChart } from '../../../../../src/main/core/charts/chart-queries'
import { importOneFile } from '../../../../../src/main/core/import/import-one-file'
import { DEFAULT_IMPORT_OPTIONS } from '../../../../../src/shared/model'
import { ChromiumPdfPrinter, findChromium } from '../../../../../src/main/cli/chromium-pdf-printer'
import { tempArchive } from '../../../../helpers/temp-archive'
import { chartDrawer } from '../../../../../src/main/core/charts/aggregate-chart'

const SEED_TITLE = 'Record Number of Deportations Continue Despite U.S. Review of Backlog'
const SEED_URL = 'https://colorlines.com/article/record-number-deportations-continue-despite-us-review-backlog/'
let db: Database
let dir: string
let cleanup: () => void
let seedId: number
let seedSha: string
let quote: string
let quotedNote: number

beforeAll(async () => {
  const made = await tempArchive(true)
  db = made.archive.db
  dir = made.dir
  cleanup = made.cleanup
  const seed = db.prepare('SELECT id, body, sha256, url FROM articles WHERE title = ?').get(SEED_TITLE) as { id: number; body: string; sha256: string; url: string }
  seedId = seed.id
  seedSha = seed.sha256
  expect(seed.url).toBe(SEED_URL)
  const sentence = 'immigration prosecutors had examined 288,361 cases'
  const start = seed.body.indexOf(sentence)
  quotedNote = insertNote(db, 'Closure rate', 'draft').id
  const citation = addArticleCitation(db, quotedNote, seedId, start, start + sentence.length)
  quote = citation.quote!
  updateNote(db, quotedNote, 'Closure rate', `Fewer than **2 percent** of the reviewed cases were closed.\n\n> ${quote} ${citationToken(citation.id)}\n\nSee also the review figures.`)
})
afterAll(() => cleanup())

const pdfText = (path: string, page?: number) =>
  execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', path, '-'], { encoding: 'utf8' })
const pdfPages = (path: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))![1])

/** Pixels darker than near-white on one page, read from pdftoppm's PPM output. */
function inkedPixels(pdf: string, page: number): number {
  const base = pdf.replace(/\.pdf$/, `-page${page}`)
  execFileSync('pdftoppm', ['-r', '40', '-f', String(page), '-l', String(page), '-singlefile', pdf, base])
  const ppm = readFileSync(`${base}.ppm`)
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!
  const pixels = Number(header[1]) * Number(header[2])
  const data = ppm.subarray(header[0].length)
  let inked = 0
  for (let i = 0; i < pixels; i++) if (data[i * 3]! + data[i * 3 + 1]! + data[i * 3 + 2]! < 600) inked++
  return inked
}

const removalsDataset = () => (db.prepare("SELECT id FROM datasets WHERE name LIKE 'ICE removals%'").get() as { id: number }).id
const removalsChart = () => (db.prepare("SELECT id FROM charts WHERE name LIKE 'ICE removals%'").get() as { id: number }).id

describe('exportNotes', () => {
  it('embeds a saved chart: drawn by the only scripts its policy allows, listed in Sources, a table in Markdown', async () => {
    const chart = removalsChart()
    const note = insertNote(db, 'Removals', `Removals peaked in FY2012.\n\n[[chart:${chart}]]\n\nThen they fell.`).id
    const html = (await exportNotes(db, [note], 'html', null, chartDrawer(db, null))).text
    expect(html).toContain(`<canvas id="chart-canvas-${chart}" role="img"`)
    const policy = /content="([^"]+)"/.exec(html)![1]!
    expect(policy.match(/'sha256-[A-Za-z0-9+/=]+'/g)).toHaveLength(2)
    expect(html.match(/<script>/g)).toHaveLength(2)
    expect(html).toContain('“ICE removals by fiscal year, FY2005–FY2018 (chart)”')
    const md = (await exportNotes(db, [note], 'markdown', null, chartDrawer(db, null))).text
    expect(md).toContain('**ICE removals by fiscal year, FY2005–FY2018**[^1]')
    expect(md).toContain('| 2012 | 409849 |  | 225390 |\n')
    expect(md).not.toContain('\n\n\n')
    const gone = insertNote(db, 'Gone', '[[chart:987654]]').id
    expect((await exportNotes(db, [gone], 'html', null, chartDrawer(db, null))).text).toContain('<span class="chart-missing">[Chart Chart 987654 cannot be drawn: this chart no longer exists]</span>')
  })

  it('exports a note as HTML with its quote, a numbered citation and the Sources list', async () => {
    const { text, sources, notes, title } = (await exportNotes(db, [quotedNote], 'html', null, chartDrawer(db, null)))
    expect({ sources, notes, title }).toEqual({ sources: 1, notes: 1, title: 'Closure rate' })
    expect(text).toContain('<strong>2 percent</strong>')
    expect(text).toContain(`<blockquote>\n<p>${quote} <sup class="citation"><a href="#source-1">1</a></sup></p>\n</blockquote>`)
    expect(text).toContain(`<li id="source-1" value="1">Jorge Rivas, “${SEED_TITLE}”, Colorlines, 2012-06-07, ${SEED_URL}. Imported from`)
    expect(text).toContain(`(sha256 ${seedSha})`)
    expect(text).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`)
  })

  it('exports Markdown with citations as footnotes', async () => {
    const { text } = (await exportNotes(db, [quotedNote], 'markdown', null, chartDrawer(db, null)))
    expect(text).toContain(`# Closure rate\n\nFewer than **2 percent**`)
    expect(text).toContain(`> ${quote} [^1]`)
    expect(text).toMatch(new RegExp(`\\[\\^1\\]: Jorge Rivas, “${SEED_TITLE.replaceAll('.', '\\.')}”, Colorlines, 2012-06-07, ${SEED_URL.replaceAll('.', '\\.')}\\. Imported from .+ \\(sha256 ${seedSha}\\)\\.`))
  })

  it('numbers each source once, in the order first cited, and marks a citation that is gone', async () => {
    const other = insertNote(db, 'Two quotes', 'x').id
    const again = addArticleCitation(db, other, seedId, 0, 10)
    updateNote(db, other, 'Two quotes', `A ${citationToken(again.id)} B ${citationToken(again.id)} C [[cite:999999]]`)
    const html = (await exportNotes(db, [other], 'html', null, chartDrawer(db, null))).text
    expect(html.match(/href="#source-1"/g)).toHaveLength(2)
    expect(html).toContain('<sup class="citation missing" title="This citation no longer exists">?</sup>')
    expect((await exportNotes(db, [other], 'markdown', null, chartDrawer(db, null))).text).toContain('A [^1] B [^1] C\n')
  })

  it('names the page of a PDF a quoted passage starts on, in HTML and in Markdown', async () => {
    const body = 'First page of the scanned memo.\n\nSecond page: 4,403 cases were closed.'
    const scan = insertArticle(db, {
      title: 'Scanned memo', byline: null, publisher: null, publishedAt: null, url: null, language: null, body,
      sourceFile: 'memo-scan.pdf', sourceSize: 1, sha256: 'c'.repeat(64), importId: null,
      pages: [
        { page: 1, start: 0, end: 31, method: 'ocr', confidence: 90 },
        { page: 2, start: 33, end: body.length, method: 'ocr', confidence: 94 }
      ],
      headings: []
    })
    const note = insertNote(db, 'Paged', 'x').id
    const start = body.indexOf('4,403')
    const onPageTwo = addArticleCitation(db, note, scan, start, start + 5)
    const unpaged = addArticleCitation(db, note, seedId, 0, 10)
    updateNote(db, note, 'Paged', `${citationToken(onPageTwo.id)} and ${citationToken(unpaged.id)}`)
    expect((await exportNotes(db, [note], 'html', null, chartDrawer(db, null))).text).toContain('<sup class="citation"><a href="#source-1">1</a>, p. 2</sup> and <sup class="citation"><a href="#source-2">2</a></sup>')
    expect((await exportNotes(db, [note], 'markdown', null, chartDrawer(db, null))).text).toContain('[^1] (p. 2) and [^2]')
    // The citation carries its pages for the window too; a passage across the break names both (review U24-14).
    expect(getCitation(db, onPageTwo.id)!.pages).toEqual({ first: 2, last: 2, ocrConfidence: 94 })
    expect(getCitation(db, unpaged.id)!.pages).toBeNull()
    const across = addArticleCitation(db, note, scan, body.indexOf('memo.'), start + 5)
    expect(across.pages).toEqual({ first: 1, last: 2, ocrConfidence: 90 })
    updateNote(db, note, 'Paged', `${citationToken(across.id)}`)
    expect((await exportNotes(db, [note], 'html', null, chartDrawer(db, null))).text).toContain('<sup class="citation"><a href="#source-1">1</a>, pp. 1–2</sup>')
    expect((await exportNotes(db, [note], 'markdown', null, chartDrawer(db, null))).text).toContain('[^1] (pp. 1–2)')
  })

  it('carries a caution into a quote from a page OCR read with low confidence, in HTML and in Markdown (review U24-18)', async () => {
    const body = 'A clean page of text.\n\nA faint page: 4,4O3 cases were c1osed.'
    const scan = insertArticle(db, {
      title: 'Faint scan', byline: null, publisher: null, publishedAt: null, url: null, language: null, body,
      sourceFile: 'faint-scan.pdf', sourceSize: 1, sha256: 'd'.repeat(64), importId: null,
      pages: [
        { page: 1, start: 0, end: 21, method: 'text', confidence: null },
        { page: 2, start: 23, end: body.length, method: 'ocr', confidence: 51.6 }
      ],
      headings: []
    })
    const note = insertNote(db, 'Faint', 'x').id
    const faint = addArticleCitation(db, note, scan, body.indexOf('4,4O3'), body.indexOf('4,4O3') + 5)
    const clean = addArticleCitation(db, note, scan, 0, 7)
    expect(faint.pages).toEqual({ first: 2, last: 2, ocrConfidence: 51.6 })
    expect(clean.pages).toEqual({ first: 1, last: 1, ocrConfidence: null })
    updateNote(db, note, 'Faint', `${citationToken(faint.id)} and ${citationToken(clean.id)}`)
    expect((await exportNotes(db, [note], 'html', null, chartDrawer(db, null))).text).toContain(
      '<sup class="citation"><a href="#source-1">1</a>, p. 2, read by OCR at 52% confidence</sup> and <sup class="citation"><a href="#source-1">1</a>, p. 1</sup>'
    )
    expect((await exportNotes(db, [note], 'markdown', null, chartDrawer(db, null))).text).toContain('[^1] (p. 2, read by OCR at 52% confidence) and [^1] (p. 1)')
  })

  it('lists what a dataset citation cites (its detail) with the dataset, in HTML and in Markdown', async () => {
    const removals = removalsDataset()
    const note = insertNote(db, 'FY2011', 'draft').id
    const first = addDatasetCitation(db, note, removals, 'rows FY2011 only')
    const second = addDatasetCitation(db, note, removals, 'measure: ice_removals_total')
    const again = addDatasetCitation(db, note, removals, 'rows FY2011 only')
    updateNote(db, note, 'FY2011', `Removals in FY2011 ${citationToken(first.id)}, the total ${citationToken(second.id)} ${citationToken(again.id)}.`)
    const html = (await exportNotes(db, [note], 'html', null, chartDrawer(db, null))).text
    expect(html).toContain('<li id="source-1" value="1">“ICE removals by fiscal year, FY2005–FY2018” (rows FY2011 only; measure: ice_removals_total), ')
    const md = (await exportNotes(db, [note], 'markdown', null, chartDrawer(db, null))).text
    expect(md).toContain('[^1]: “ICE removals by fiscal year, FY2005–FY2018” (rows FY2011 only; measure: ice\\_removals\\_total), ')
  })

  it('writes third-party text into Markdown as text: no viewer finds HTML, links or emphasis in it', async () => {
    const article = insertArticle(db, {
      title: '<img src=x onerror=alert(1)> *Breaking* [click](javascript:alert(2)) <script>alert(3)</script>',
      byline: 'A_B & <b>C</b>',
      publisher: 'Line one\n# Heading injected',
      publishedAt: '2012-06-07',
      url: 'https://example.org/a_b?x=<y>',
      language: 'en',
      body: 'Body text that is quoted.',
      sourceFile: 'evil_[1].html',
      sourceSize: 10,
      sha256: null,
      importId: null,
      pages: [],
      headings: []
    })
    const note = insertNote(db, 'Hostile source', 'draft').id
    const citation = addArticleCitation(db, note, article, 0, 9)
    updateNote(db, note, 'Hostile source', `Quoted ${citationToken(citation.id)}.`)
    const md = (await exportNotes(db, [note], 'markdown', null, chartDrawer(db, null))).text
    const sources = md.slice(md.indexOf('# Sources'))
    expect(sources.trim().split('\n')).toHaveLength(3)
    // The most permissive reader: raw HTML allowed, bare links turned into links.
    const rendered = markdownIt({ html: true, linkify: true }).render(md)
    for (const tag of ['<img', '<script', '<b>', '<em>', '<strong>', '<h1>Heading', 'href="javascript']) expect(rendered).not.toContain(tag)
    expect(rendered).toContain('&lt;img src=x onerror=alert(1)&gt; *Breaking* [click](javascript:alert(2))')
    expect(rendered).toContain('A_B &amp; &lt;b&gt;C&lt;/b&gt;')
    expect(rendered).toContain('Line one # Heading injected')
  })

  it('keeps a chart table whole in Markdown when its labels hold a pipe', async () => {
    const path = join(dir, 'pipes.csv')
    writeFileSync(path, 'court | city,cases | closed\nDenver | Aurora,5\nMiami,3\n')
    const datasetId = (await importOneFile(db, { path, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null }, new AbortController().signal, () => undefined, null)).id!
    const spec = { datasetId, type: 'bar' as const, title: 'Cases | by court', x: { column: 0, bucket: null }, y: { aggregate: 'sum' as const, column: 1 }, groupBy: null, share: null, filters: [] }
    const chart = (await saveChart(db, 'Cases | by court', spec, chartDrawer(db, null))).id
    const md = (await exportNotes(db, [insertNote(db, 'Pipes', `[[chart:${chart}]]`).id], 'markdown', null, chartDrawer(db, null))).text
    const rendered = markdownIt().render(md)
    const cells = (row: string) => [...row.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((match) => match[1])
    const rows = [...rendered.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((match) => cells(match[1]!))
    expect(rows).toEqual([['court | city', 'Cases | closed (total)'], ['Denver | Aurora', '5'], ['Miami', '3']])
  })

  it('refuses an empty choice and names a note that does not exist', async () => {
    await expect(exportNotes(db, [], 'html', null, chartDrawer(db, null))).rejects.toThrow('Choose at least one note to export.')
    await expect(exportNotes(db, [quotedNote, 424242], 'html', null, chartDrawer(db, null))).rejects.toThrow('Note 424242 was not found in this archive.')
  })

  it('keeps hostile markup inert: escaped as text, no script, no frame, no javascript: link, no remote image', async () => {
    const hostile = insertNote(
      db,
      '<script>alert("title")</script>',
      [
        '<script>alert(1)</script>',
        '<img src=x onerror=alert(2)>',
        '[click](javascript:alert(3)) [data](data:text/html,<script>alert(4)</script>)',
        '<iframe src="https://example.com/"></iframe>',
        '<svg onload=alert(5)><script>alert(6)</script></svg>',
        '![tracker](https://example.com/pixel.png)',
        '<div style="width: expression(alert(7))">x</div>'
      ].join('\n\n')
    ).id
    const html = (await exportNotes(db, [hostile], 'html', null, chartDrawer(db, null))).text
    const body = html.slice(html.indexOf('<body'))
    for (const tag of ['<script', '<iframe', '<svg', '<img', '<div']) expect(body).not.toContain(tag)
    expect(body).not.toMatch(/href="(javascript|data):/i)
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(body).toContain('<span class="image-omitted">[image: tracker]</span>')
  })
})

const chromium = findChromium(process.env)
describe.skipIf(chromium === null)('PDF export through headless Chromium', () => {
  it('prints a note whose text, quote and Sources list pdftotext can read back, making no request', async () => {
    const printer = new ChromiumPdfPrinter(chromium!)
    const path = join(dir, 'note.pdf')
    writeFileSync(path, await printer.print((await exportNotes(db, [quotedNote], 'html', null, chartDrawer(db, null))).text))
    const text = pdfText(path).replace(/\s+/g, ' ')
    expect(text).toContain('Fewer than 2 percent of the reviewed cases were closed.')
    expect(text).toContain(quote)
    expect(text).toContain('Sources')
    expect(text).toContain(SEED_TITLE)
    expect(text).toContain('colorlines.com/article/record-number-deportations')
    expect(printer.requestsRefused).toBe(0)
  }, 60_000)

  it('prints what a dataset citation cites (its detail) in the Sources list', async () => {
    const note = insertNote(db, 'Detail', 'draft').id
    const citation = addDatasetCitation(db, note, removalsDataset(), 'rows FY2011 only')
    updateNote(db, note, 'Detail', `Removals in FY2011 ${citationToken(citation.id)}.`)
    const printer = new ChromiumPdfPrinter(chromium!)
    const path = join(dir, 'detail.pdf')
    writeFileSync(path, await printer.print((await exportNotes(db, [note], 'html', null, chartDrawer(db, null))).text))
    expect(pdfText(path).replace(/\s+/g, ' ')).toContain('“ICE removals by fiscal year, FY2005–FY2018” (rows FY2011 only)')
  }, 60_000)

  it('prints a dossier: title page, contents, one chapter per note, Sources, numbered pages', async () => {
    const second = insertNote(db, 'Backlog', 'The court backlog grew.').id
    const third = insertNote(db, 'Removals', 'Removals by fiscal year.').id
    const printer = new ChromiumPdfPrinter(chromium!)
    const path = join(dir, 'dossier.pdf')
    writeFileSync(path, await printer.print((await exportNotes(db, [quotedNote, second, third], 'html', 'Review dossier', chartDrawer(db, null))).text))
    // title page, contents, three chapters (one page each) and the Sources page
    expect(pdfPages(path)).toBe(6)
    expect(pdfText(path, 1)).toContain('Review dossier')
    const contents = pdfText(path, 2)
    for (const title of ['Contents', 'Closure rate', 'Backlog', 'Removals', 'Sources']) expect(contents).toContain(title)
    expect(pdfText(path, 4)).toContain('The court backlog grew.')
    expect(pdfText(path, 4).trim().split('\n').at(-1)!.trim()).toBe('4')
    expect(pdfText(path, 6)).toContain(SEED_TITLE)
  }, 60_000)

  it('numbers the dossier’s contents with the page each note starts on, as the pages themselves say', async () => {
    // The first paragraph spells a mark as an earlier scheme would have: it moves no page number.
    const paragraphs = Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1} about the court backlog, long enough to fill a line of the page.`)
    const long = insertNote(db, 'Long backlog', ['casefile-page-sources', ...paragraphs].join('\n\n')).id
    const after = insertNote(db, 'After the long one', 'It starts on a later page.').id
    const path = join(dir, 'numbered.pdf')
    await exportNotesToFile(db, { ids: [quotedNote, long, after], format: 'pdf', title: 'Numbered dossier' }, async () => path, new ChromiumPdfPrinter(chromium!), false, chartDrawer(db, null))
    const pages = pdfPages(path)
    const startOf = (text: string) => Array.from({ length: pages }, (_, i) => i + 1).find((page) => pdfText(path, page).includes(text))!
    const contents = pdfText(path, 2).split('\n').map((line) => line.replace(/\s+/g, ' ').trim())
    const entry = (title: string) => contents.find((line) => line.includes(title))!
    expect(startOf('It starts on a later page.')).toBeGreaterThan(startOf('Paragraph 1 about') + 1)
    expect(entry('Closure rate')).toMatch(new RegExp(`\\b${startOf('Fewer than')}$`))
    expect(entry('Long backlog')).toMatch(new RegExp(`\\b${startOf('Paragraph 1 about')}$`))
    expect(entry('After the long one')).toMatch(new RegExp(`\\b${startOf('It starts on a later page.')}$`))
    expect(entry('Sources')).toMatch(new RegExp(`\\b${pages}$`))
    // The marks the first printing found the pages by are gone from the second.
    expect(pdfText(path)).not.toMatch(/casefile[0-9a-f]{12}/)
  }, 60_000)

  it('prints an embedded chart as drawn: the page is inked where the chart is', async () => {
    const chart = removalsChart()
    const printer = new ChromiumPdfPrinter(chromium!)
    const withChart = join(dir, 'with-chart.pdf')
    const without = join(dir, 'without-chart.pdf')
    const text = 'Removals by fiscal year, as ICE reported them.'
    writeFileSync(withChart, await printer.print((await exportNotes(db, [insertNote(db, 'Chart', `${text}\n\n[[chart:${chart}]]`).id], 'html', null, chartDrawer(db, null))).text))
    writeFileSync(without, await printer.print((await exportNotes(db, [insertNote(db, 'Chart', text).id], 'html', null, chartDrawer(db, null))).text))
    const inked = inkedPixels(withChart, 1)
    const plain = inkedPixels(without, 1)
    // The drawn bars, axes and labels ink over ten thousand pixels at 40 dpi; a blank canvas inks none.
    expect(inked - plain).toBeGreaterThan(10_000)
    expect(pdfText(withChart)).toContain('Chart: ICE removals by fiscal year, FY2005–FY2018')
    expect([printer.requestsRefused, printer.dialogsOpened]).toEqual([0, 0])
  }, 60_000)

  it('prints the hostile note without running or fetching anything', async () => {
    const hostile = insertNote(db, 'Hostile', '<script>alert(1)</script>\n\n![t](https://example.com/t.png)\n\n<img src=x onerror=alert(2)>').id
    const printer = new ChromiumPdfPrinter(chromium!)
    const path = join(dir, 'hostile.pdf')
    writeFileSync(path, await printer.print((await exportNotes(db, [hostile], 'html', null, chartDrawer(db, null))).text))
    expect(pdfText(path)).toContain('<script>alert(1)</script>')
    expect([printer.requestsRefused, printer.dialogsOpened]).toEqual([0, 0])
  }, 60_000)
})
