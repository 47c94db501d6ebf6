// Layout of the installed app: electron-builder packs the `dir` target with the project's own
// configuration (electron-builder.config.mjs) around a stand-in Electron (an executable stub and a
// version file, given as `electronDist`; the real binary cannot be downloaded here). Then the
// packaged main bundle runs under Node with the stand-in `electron` module, told it is packaged and
// where its resources are, and everything it computes must be there: renderer, preload, sample pack,
// native binding, and import workers that can import a table, a web page and a PDF from
// app.asar.unpacked alone.
//
// Proves: what is in the package and where, and that the app's paths and the workers' imports fit
// it. Does not prove: that Electron reads app.asar as this test reads the extracted copy, that the
// installers (AppImage, deb, dmg, NSIS) install and start — docs/ELECTRON.md has the manual steps.

import { listPackage, extractAll } from '@electron/asar'
import { build, Platform } from 'electron-builder'
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_IMPORT_OPTIONS, type ArchiveInfo, type JobStatus, type SearchResult } from '../../src/shared/model'
import { searchRequest } from '../../src/shared/search-request'
import { packageConfig, WORKER_PACKAGES } from '../../electron-builder.config'
import { SHEET_THREAD_MIN_BYTES } from '../../src/main/core/import/workbook/sheet-rows-thread'
import { sheetXml, writeHandWrittenXlsx } from '../helpers/hand-written-workbooks'
import { wordParagraph, writeDocx } from '../helpers/office-documents'
import { encodedScanPdf, scannedPdf } from '../helpers/scanned-pdf'
import { StandInMain, type Report } from './stand-in/main-process'
import { ELECTRON_ABI, ELECTRON_VERSION, NODE_BUILD, PROJECT_ROOT, requireBuild, standInFacts } from './stand-in/layouts'

const linux = process.platform === 'linux'
const SCANNED_HTML = '<!DOCTYPE html><html><head><title>x</title><style>@page { size: Letter; margin: 1in } body { font: 14pt/1.5 serif }</style></head><body><p>The review closed 4,403 cases by May 29, 2012.</p></body></html>'
let work = ''
let resources = ''
let asarEntries: string[] = []

beforeAll(async () => {
  if (!linux) return
  requireBuild()
  work = mkdtempSync(join(tmpdir(), 'casefile-package-'))
  // The stand-in Electron: electron-builder copies it and renames the executable.
  const electronDist = join(work, 'electron-dist')
  mkdirSync(electronDist)
  writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\necho "stand-in Electron: the real binary could not be downloaded here" >&2\nexit 1\n')
  chmodSync(join(electronDist, 'electron'), 0o755)
  writeFileSync(join(electronDist, 'version'), `v${ELECTRON_VERSION}`)
  // The stand-in for Electron's build of better-sqlite3: this Node's build, so the packaged main can
  // load it when it runs under Node below.
  const nativeDir = join(work, 'native')
  mkdirSync(join(nativeDir, `electron-${ELECTRON_ABI}`), { recursive: true })
  copyFileSync(NODE_BUILD, join(nativeDir, `electron-${ELECTRON_ABI}`, 'better_sqlite3.node'))

  await build({
    projectDir: PROJECT_ROOT,
    targets: Platform.LINUX.createTarget('dir'),
    config: { ...packageConfig({ nativeDir, output: join(work, 'out') }), electronDist },
    publish: 'never'
  })
  resources = join(work, 'out', 'linux-unpacked', 'resources')
  asarEntries = listPackage(join(resources, 'app.asar'), { isPack: false }).map((entry) => entry.split('\\').join('/'))
}, 300_000)

afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true })
})

describe.skipIf(!linux)('the packaged app (electron-builder dir target, Linux)', () => {
  it('has the executable, named for the app, beside its resources', () => {
    const executable = join(work, 'out', 'linux-unpacked', 'casefile')
    expect(statSync(executable).mode & 0o111).not.toBe(0)
  })

  it('keeps the built main, preload and renderer in app.asar, and neither sources, tests, the CLI nor Playwright', () => {
    expect(asarEntries).toEqual(expect.arrayContaining(['/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/package.json']))
    // Nothing else at the top: no scripts, docs, configuration, icon sources or the CLI's bin/.
    expect(asarEntries.filter((entry) => !/^\/(package\.json|out|out\/(main|preload|renderer)(\/.*)?|node_modules(\/.*)?|native(\/.*)?)$/.test(entry))).toEqual([])
    // Nor what only installing needs, pdf.js's browser build, or source maps.
    expect(asarEntries.filter((entry) => /\/node_modules\/(prebuild-install|tar-fs|simple-get|rc|node-abi)\/|\/node_modules\/pdfjs-dist\/(build|web|types)\/|\/node_modules\/.*\.map$/.test(entry))).toEqual([])
    const unwanted = asarEntries.filter((entry) => /^\/(src|tests|scripts|native\/electron-\d+\/(?!better_sqlite3\.node))|\/out\/main\/(cli|search-bench|chart-bench)\.js$|\/node_modules\/(playwright-core|better-sqlite3\/(build|deps|src))\//.test(entry))
    expect(unwanted).toEqual([])
  })

  it('unpacks the native binding, the import and search workers and every package the workers import', () => {
    const unpacked = join(resources, 'app.asar.unpacked')
    for (const path of [`native/electron-${ELECTRON_ABI}/better_sqlite3.node`, 'out/main/import-worker.js', 'out/main/import-reader-worker.js', 'out/main/sheet-rows-worker.js', 'out/main/search-worker.js', 'out/main/sort-index-worker.js', 'out/main/rows-worker.js', ...WORKER_PACKAGES.map((name) => `node_modules/${name}/package.json`)]) {
      expect(existsSync(join(unpacked, path)), path).toBe(true)
    }
    // What OCR needs at run time, offline: tesseract's worker, its WebAssembly cores and the English model.
    const cores = ['', '-simd', '-relaxedsimd', '-lstm', '-simd-lstm', '-relaxedsimd-lstm'].flatMap((variant) => [`tesseract-core${variant}.js`, `tesseract-core${variant}.wasm`])
    for (const path of [...cores.map((core) => `tesseract.js-core/${core}`), '@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz', 'tesseract.js/src/worker-script/node/index.js']) {
      expect(existsSync(join(unpacked, 'node_modules', path)), path).toBe(true)
    }
    // pdf.js's WebAssembly decoders for the pictures scanners write (CCITT and JBIG2, JPEG 2000), read from the unpacked folder.
    for (const path of ['jbig2.wasm', 'openjpeg.wasm']) expect(existsSync(join(unpacked, 'node_modules', 'pdfjs-dist', 'wasm', path)), path).toBe(true)
    // Left out: the browsers' inlined copies of the cores, and the legacy model OCR does not use.
    expect(existsSync(join(unpacked, 'node_modules', 'tesseract.js-core', 'tesseract-core.wasm.js'))).toBe(false)
    expect(existsSync(join(unpacked, 'node_modules', '@tesseract.js-data', 'eng', '4.0.0'))).toBe(false)
  })

  it('ships the sample pack outside the archive', () => {
    const manifest = JSON.parse(readFileSync(join(resources, 'sample', 'manifest.json'), 'utf8')) as unknown
    expect(manifest).toBeTruthy()
    expect(readFileSync(join(resources, 'sample', 'ice_removals_fy.csv'), 'utf8')).toContain('FY')
  })

  describe('run from the package under Node (app.asar read from an extracted copy, as Electron reads it)', () => {
    let main: StandInMain | null = null
    let report: Report | null = null
    let emulated = ''

    beforeAll(async () => {
      emulated = join(work, 'emulated-resources')
      mkdirSync(emulated)
      // Electron reads inside app.asar as if it were a folder: so does Node, from an extracted copy.
      extractAll(join(resources, 'app.asar'), join(emulated, 'app.asar'))
      symlinkSync(join(resources, 'app.asar.unpacked'), join(emulated, 'app.asar.unpacked'), 'dir')
      symlinkSync(join(resources, 'sample'), join(emulated, 'sample'), 'dir')
      const facts = standInFacts(work, join(emulated, 'app.asar', 'out', 'main', 'index.js'), true, emulated, [])
      main = await StandInMain.start(facts)
      report = await main.ready()
    }, 120_000)

    afterAll(async () => {
      await main?.stop()
    })

    it('starts without a dialog and loads its preload from the package', () => {
      expect(report!.dialogs).toEqual([])
      expect(report!.exitCode).toBeNull()
      const preload = report!.windows[0]!.options.webPreferences['preload'] as string
      expect(preload).toBe(join(emulated, 'app.asar', 'out', 'preload', 'index.cjs'))
      expect(asarEntries).toContain('/out/preload/index.cjs')
      expect(report!.calls.map((call) => call.what)).not.toContain('app.getAppPath')
    })

    it('serves its renderer from the package', async () => {
      const page = await main!.fetch('casefile://app/index.html', 'GET')
      expect(page.status).toBe(200)
      expect(page.text).toContain('<title>Casefile</title>')
    })

    it('seeds a new archive from the sample pack in resources/sample', async () => {
      const info = await main!.invoke('getArchiveInfo', undefined, 'window')
      expect(info).toMatchObject({ ok: true })
      const value = info !== 'no handler' && info.ok ? (info.value as ArchiveInfo) : null
      expect(value?.counts.articles).toBeGreaterThanOrEqual(7)
      expect(value?.counts.datasets).toBeGreaterThanOrEqual(5)
    })

    it('imports a table, a web page, a PDF, a workbook, a Word file, a scanned PDF and a large workbook through the unpacked workers', async () => {
      const fixtures = join(PROJECT_ROOT, 'tests', 'fixtures', 'import')
      const made = join(work, 'made')
      mkdirSync(made)
      const docx = writeDocx(join(made, 'memo.docx'), wordParagraph('Memo on the review', 'Heading1', false) + wordParagraph('Cases were reviewed.', null, false), { title: null, creator: null, created: null })
      const scanned = join(made, 'scanned-memo.pdf')
      writeFileSync(scanned, await scannedPdf(SCANNED_HTML, 150, [], null))
      // A fax-encoded (CCITT Group 4) scan: pdf.js decodes it with WebAssembly found through the path the worker computes.
      const faxScan = join(made, 'fax-scan.pdf')
      writeFileSync(faxScan, await encodedScanPdf(SCANNED_HTML, 200, 'ccitt-g4'))
      // A sheet large enough to be scanned on a thread of its own, which the reader thread starts from beside itself.
      const rows = Array.from({ length: 420_000 }, (_, i) => `<x:row r="${i + 2}"><x:c r="A${i + 2}"><x:v>${i}</x:v></x:c><x:c r="B${i + 2}" t="s"><x:v>${i % 2}</x:v></x:c></x:row>`)
      const sheet = sheetXml(`<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Case</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>Court</x:t></x:is></x:c></x:row>${rows.join('')}`)
      expect(Buffer.byteLength(sheet)).toBeGreaterThan(SHEET_THREAD_MIN_BYTES)
      const large = writeHandWrittenXlsx(join(made, 'large.xlsx'), [{ name: 'Cases', part: 'xl/worksheets/sheet1.xml', type: 'worksheet', xml: sheet }], {
        sharedStrings: '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Denver</t></si><si><t>Baltimore</t></si></sst>',
        styles: null,
        workbookPr: '',
        extra: []
      })
      const paths = [
        join(fixtures, 'ice-removals-by-citizenship-top5.csv'),
        join(fixtures, 'delimited', 'windows-1252.csv'),
        join(fixtures, 'article', 'news-article.html'),
        join(fixtures, 'article', 'backlog-article.pdf'),
        join(fixtures, 'workbook', 'dhs-yearbook-2013-table-39.xlsx'),
        docx,
        scanned,
        faxScan,
        large
      ]
      const started = await main!.invoke('importFiles', { paths, options: DEFAULT_IMPORT_OPTIONS }, 'window')
      expect(started).toMatchObject({ ok: true })
      const jobs = (await main!.send<{ ok: boolean; value: JobStatus[] }>({ cmd: 'wait-for-jobs' })).value
      const outcomes = jobs.flatMap((job) => job.outcomes)
      expect(outcomes.map((outcome) => [outcome.file, outcome.status, outcome.error])).toEqual([
        ['ice-removals-by-citizenship-top5.csv', 'imported', null],
        ['windows-1252.csv', 'imported', null],
        ['news-article.html', 'imported', null],
        ['backlog-article.pdf', 'imported', null],
        ['dhs-yearbook-2013-table-39.xlsx', 'imported', null],
        ['memo.docx', 'imported', null],
        ['scanned-memo.pdf', 'imported', null],
        ['fax-scan.pdf', 'imported', null],
        ['large.xlsx', 'imported', null]
      ])
      expect(outcomes[8]!.rows).toBe(420_000)
      expect(outcomes[4]!.sheets!.filter((sheet) => sheet.status === 'imported')).toHaveLength(2)
      // OCR ran in the packaged worker: tesseract's worker, core (.wasm) and English model came from app.asar.unpacked.
      expect(outcomes[6]!.ocr).toMatchObject({ pages: 1 })
      expect(outcomes[6]!.ocr!.meanConfidence).toBeGreaterThan(70)
      expect(outcomes[7]!.ocr).toMatchObject({ pages: 1 })
      expect(outcomes[7]!.ocr!.meanConfidence).toBeGreaterThan(70)
      // The work ran in worker threads started from the unpacked folder, not inline.
      expect(main!.output.join('')).not.toContain('import worker is missing')
    })

    it('searches what it imported through the unpacked search worker', async () => {
      const found = await main!.invoke('search', searchRequest('ICE'), 'window')
      expect(found).toMatchObject({ ok: true })
      const value = found !== 'no handler' && found.ok ? (found.value as SearchResult) : null
      expect(value?.facets.kinds.data).toBeGreaterThan(0)
      expect(main!.output.join('')).not.toContain('search worker is missing')
    })
  })
})
