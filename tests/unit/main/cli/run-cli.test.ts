import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openArchive } from '../../../../src/main/core/index'
import { insertNote } from '../../../../src/main/core/notes/note-queries'
import { cli, PROJECT_ROOT as ROOT } from '../../../helpers/cli-in-process'
import { tempDir } from '../../../helpers/temp-archive'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

function archivePath(): string {
  const made = tempDir('cli')
  cleanups.push(made.cleanup)
  return join(made.dir, 'cli.casefile')
}

describe('casefile CLI', () => {
  it('creates and seeds the archive named by --archive, then describes it', async () => {
    const path = archivePath()
    const { code, out, err } = await cli(['--archive', path, 'info'])
    expect(err).toBe('')
    expect(code).toBe(0)
    expect(existsSync(path)).toBe(true)
    expect(out).toContain(`Archive   ${path}`)
    expect(out).toContain('7 articles · 5 datasets · 0 notes · 3 charts')
  })

  it('prints info as one JSON object with --json', async () => {
    const path = archivePath()
    const { code, out } = await cli([`--archive=${path}`, 'info', '--json'])
    expect(code).toBe(0)
    const info = JSON.parse(out)
    expect(info.counts).toEqual({ articles: 7, datasets: 5, notes: 0, charts: 3 })
    expect(info.fileName).toBe('cli.casefile')
    expect(out.trim().split('\n')).toHaveLength(1)
  })

  it('searches with highlighted snippets, as text and as JSON', async () => {
    const path = archivePath()
    const text = await cli(['--archive', path, 'search', 'prosecutors'])
    expect(text.code).toBe(0)
    expect(text.out).toContain('Record Number of Deportations Continue Despite U.S. Review of Backlog')
    expect(text.out).toMatch(/\[prosecutors\]/i)
    const json = await cli(['--archive', path, 'search', 'immigration prosecutors', '--json', '--limit', '3'])
    const parsed = JSON.parse(json.out)
    expect(parsed.query).toBe('immigration prosecutors')
    expect(parsed.hits.length).toBeLessThanOrEqual(3)
    const seed = parsed.hits.find((hit: { title: string }) => hit.title.startsWith('Record Number'))
    expect(seed).toBeDefined()
    expect(seed.kind).toBe('article')
    expect(seed.snippet).toMatch(/<mark>prosecutors<\/mark>/i)
    expect(parsed.facets.kinds.article).toBeGreaterThanOrEqual(1)
    expect(Object.keys(seed).sort()).toEqual(['date', 'id', 'kind', 'rank', 'snippet', 'title'])
  })

  it('says so plainly when nothing matches, and never fails on odd input', async () => {
    const path = archivePath()
    expect((await cli(['--archive', path, 'search', 'zzzyzzx'])).out).toBe('No matches for “zzzyzzx”.\n')
    for (const query of ['"unbalanced', 'AND OR NOT', ')(*', "'; DROP TABLE articles; --", 'NEAR(', '\u0000', '🙂', 'x'.repeat(20_000)]) {
      const { code, err } = await cli(['--archive', path, 'search', query])
      // What the query language made of odd input is said on stderr, one plain note per line.
      for (const line of err.split('\n').filter(Boolean)) expect(line, query).toMatch(/^note: [A-Z]/)
      expect(code, query).toBe(0)
    }
  })

  it('fails with a one-line message and exit code 1 on a file that is not an archive', async () => {
    const { code, out, err } = await cli(['--archive', join(ROOT, 'package.json'), 'info'])
    expect(code).toBe(1)
    expect(out).toBe('')
    expect(err.trim().split('\n')).toHaveLength(1)
    expect(err).toContain('package.json is not a Casefile archive')
  })

  it('reports usage mistakes with exit code 2', async () => {
    expect(await cli([])).toEqual({ code: 2, out: '', err: 'casefile: no command given (casefile help lists the commands and options)\n' })
    expect((await cli(['--archive', archivePath()])).err).toBe('casefile: no command given (casefile help lists the commands and options)\n')
    const help = await cli(['help'])
    expect(help.code).toBe(0)
    expect(help.out).toMatch(/^Usage: casefile /)
    const unknown = await cli(['--archive', archivePath(), 'frobnicate'])
    expect(unknown.code).toBe(2)
    expect(unknown.err).toContain('unknown command "frobnicate"')
    const badLimit = await cli(['--archive', archivePath(), 'search', 'x', '--limit', 'lots'])
    expect(badLimit.code).toBe(2)
    expect(badLimit.err).toContain('--limit must be a whole number')
    const missing = await cli(['--archive'])
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('--archive needs a value')
  })

  it('imports files as the app does, one JSON line per file, and reports duplicates', async () => {
    const path = archivePath()
    const file = join(ROOT, 'resources', 'sample', 'ice_removals_fy.csv')
    const first = await cli(['--archive', path, 'import', file, '--json'])
    // The sample archive already holds these exact bytes.
    expect(JSON.parse(first.out)).toMatchObject({ file: 'ice_removals_fy.csv', status: 'duplicate', kind: 'dataset' })
    expect(first.code).toBe(0)
    const bad = await cli(['--archive', path, 'import', join(ROOT, 'electron.vite.config.ts'), join(ROOT, 'nope.csv'), '--json'])
    expect(bad.code).toBe(1)
    const lines = bad.out.trim().split('\n').map((line) => JSON.parse(line))
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatchObject({ status: 'failed', file: 'electron.vite.config.ts' })
    expect(lines[0].error).toContain("Casefile can't import .ts files (electron.vite.config.ts)")
    expect(lines[1].error).toContain("Casefile can't read nope.csv: the file does not exist")
  })
})

describe('casefile import options', () => {
  it('reads a semicolon file without a header as told, and refuses unknown option values', async () => {
    const made = tempDir('cli-options')
    cleanups.push(made.cleanup)
    const path = join(made.dir, 'x.casefile')
    const csv = join(made.dir, 'plain.csv')
    writeFileSync(csv, '1;Guatemala\n2;Honduras\n')
    const result = await cli(['--archive', path, 'import', csv, '--delimiter', 'semicolon', '--no-header', '--json'])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.out)).toMatchObject({ status: 'imported', kind: 'dataset', rows: 2 })
    const bad = await cli(['--archive', path, 'import', csv, '--encoding', 'ebcdic'])
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('--encoding must be utf-8, utf-16le, utf-16be or windows-1252')
  })

  it('exports notes to Markdown and HTML, and says plainly what PDF needs when Chromium is missing', async () => {
    const path = archivePath()
    expect((await cli(['--archive', path, 'info'])).code).toBe(0)
    const archive = await openArchive(path, { create: false, seedDir: null, nativeBinding: null })
    const first = insertNote(archive.db, 'Closure rate', 'Fewer than **2 percent**.').id
    const second = insertNote(archive.db, 'Backlog', 'The backlog grew.').id
    archive.close()
    const md = join(path, '..', 'notes.md')
    const done = await cli(['--archive', path, 'export-notes', String(first), String(second), '--md', md, '--title', 'Review'])
    expect(done).toMatchObject({ code: 0, err: '' })
    expect(done.out).toContain('Exported 2 notes with 0 sources to')
    expect(readFileSync(md, 'utf8')).toBe('# Review\n\n1. Closure rate\n2. Backlog\n\n## Closure rate\n\nFewer than **2 percent**.\n\n## Backlog\n\nThe backlog grew.\n')
    const html = join(path, '..', 'note.html')
    expect((await cli(['--archive', path, 'export-notes', String(first), '--html', html])).code).toBe(0)
    expect(readFileSync(html, 'utf8')).toContain('<strong>2 percent</strong>')

    const saved = process.env.CHROMIUM_PATH
    process.env.CHROMIUM_PATH = join(path, '..', 'no-such-chromium')
    try {
      const pdf = await cli(['--archive', path, 'export-notes', String(first), '--pdf', join(path, '..', 'note.pdf')])
      expect(pdf.code).toBe(1)
      expect(pdf.err).toContain('printing to PDF needs Chromium: install it (apt-get install chromium) or set CHROMIUM_PATH')
      expect(existsSync(join(path, '..', 'note.pdf'))).toBe(false)
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH
      else process.env.CHROMIUM_PATH = saved
    }
    expect((await cli(['--archive', path, 'export-notes', String(first)])).code).toBe(2)
    expect((await cli(['--archive', path, 'export-notes', 'x', '--md', md])).err).toContain('“x” is not a note id')
    const missing = await cli(['--archive', path, 'export-notes', '999', '--md', join(path, '..', 'missing.md')])
    expect(missing.code).toBe(1)
    expect(missing.err).toContain('Note 999 was not found in this archive.')
  })

  it('prints a chart spec’s series as a table and as JSON, draws it to PNG, and names the problem in a bad spec', async () => {
    const path = archivePath()
    expect((await cli(['--archive', path, 'info'])).code).toBe(0)
    const archive = await openArchive(path, { create: false, seedDir: null, nativeBinding: null })
    const { id } = archive.db.prepare("SELECT id FROM datasets WHERE name LIKE 'ICE removals%'").get() as { id: number }
    archive.close()
    const specPath = join(path, '..', 'removals.json')
    const filter = (value: string) => ({ column: 1, op: 'equals', value, min: null, max: null })
    writeFileSync(specPath, JSON.stringify({
      datasetId: id, type: 'bar', title: 'ICE removals', x: { column: 0, bucket: null }, y: { aggregate: 'sum', column: 2 },
      groupBy: { column: 1, top: 2 }, share: null, filters: [filter('ice_removals_total'), filter('ice_removals_convicted_criminal')]
    }))
    const json = await cli(['--archive', path, 'chart', specPath, '--json'])
    expect(json.code).toBe(0)
    const data = JSON.parse(json.out)
    expect(data.series.map((s: { name: string }) => s.name)).toEqual(['ice_removals_total', 'ice_removals_convicted_criminal'])
    const at = data.labels.indexOf('2012')
    expect([data.series[0].values[at], data.series[1].values[at]]).toEqual([409849, 225390])
    expect(data.caption).toMatch(/^Source: ICE removals by fiscal year, FY2005–FY2018, compiled from /)
    const table = await cli(['--archive', path, 'chart', specPath])
    expect(table.out).toMatch(/^ICE removals\nfiscal_year +ice_removals_total +ice_removals_convicted_criminal\n/)
    expect(table.out).toMatch(/\n2012 +409849 +225390\n/)

    const png = join(path, '..', 'removals.png')
    expect((await cli(['--archive', path, 'chart', specPath, '--png', png])).code).toBe(0)
    const bytes = readFileSync(png)
    expect(bytes.subarray(1, 4).toString()).toBe('PNG')
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([2000, 1120])
    // A blank canvas of that size compresses to a few kilobytes; bars, axes and text do not.
    expect(bytes.length).toBeGreaterThan(40_000)

    expect(data.share).toBeNull()

    // A spec that asks for a share (the sample's "Cases closed out of cases reviewed") prints it, in both forms.
    const seeded = await openArchive(path, { create: false, seedDir: null, nativeBinding: null })
    const shareSpec = seeded.db.prepare("SELECT spec FROM charts WHERE spec ->> '$.share' IS NOT NULL ORDER BY id LIMIT 1").pluck().get() as string
    seeded.close()
    writeFileSync(specPath, shareSpec)
    const rate = /^cases_closed: 1\.53% of cases_reviewed \(4,403 of 288,361\)$/
    const shareJson = JSON.parse((await cli(['--archive', path, 'chart', specPath, '--json'])).out)
    expect(shareJson.share).toMatchObject({ part: { value: 4403 }, whole: { value: 288361 } })
    expect(shareJson.share.text).toMatch(rate)
    expect((await cli(['--archive', path, 'chart', specPath])).out.split('\n')[1]).toMatch(rate)

    // The removals drawn without a word of warning; 1,500 zip codes as bars are thinner than a pixel, and said so.
    expect((await cli(['--archive', path, 'chart', specPath, '--png', png, '--force'])).err).toBe('')
    const zips = join(path, '..', 'zips.csv')
    writeFileSync(zips, `zip,cases\n${Array.from({ length: 1500 }, (_, at) => `${10000 + at},${at % 7}`).join('\n')}\n`)
    const zipId = JSON.parse((await cli(['--archive', path, 'import', zips, '--json'])).out).id
    writeFileSync(specPath, JSON.stringify({ datasetId: zipId, type: 'bar', title: 'By zip', x: { column: 0, bucket: null }, y: { aggregate: 'sum', column: 1 }, groupBy: null, share: null, filters: [] }))
    const crowded = await cli(['--archive', path, 'chart', specPath, '--png', png, '--force'])
    expect(crowded.code).toBe(0)
    expect(crowded.err).toBe('  removals.png: 1,500 points along the bottom in a picture 1,000 pixels wide: each bar is thinner than a pixel and may not show. Bucket the dates, filter the rows, or chart a column with fewer values.\n')
    writeFileSync(specPath, JSON.stringify({ datasetId: zipId, type: 'line', title: 'By zip', x: { column: 0, bucket: null }, y: { aggregate: 'sum', column: 1 }, groupBy: null, share: null, filters: [] }))
    expect((await cli(['--archive', path, 'chart', specPath, '--png', png, '--force'])).err).toBe('')

    writeFileSync(specPath, '{"datasetId": 1, "type": "pie"}')
    const bad = await cli(['--archive', path, 'chart', specPath])
    expect(bad.code).toBe(1)
    expect(bad.err).toContain('removals.json: spec.type must be one of line, bar, stacked-bar, area, scatter, not string "pie"')
    writeFileSync(specPath, '{not json')
    expect((await cli(['--archive', path, 'chart', specPath])).err).toContain('removals.json is not valid JSON')
  }, 60_000)

  it('checks, backs up and restores the archive', async () => {
    const path = archivePath()
    const check = await cli(['--archive', path, 'check'])
    expect(check).toMatchObject({ code: 0, err: '' })
    expect(check.out).toContain('Database      ok\n')
    expect(check.out).toContain('The archive is sound.')
    expect(JSON.parse((await cli(['--archive', path, 'check', '--json'])).out)).toMatchObject({ ok: true, integrity: ['ok'] })
    const backup = join(path, '..', 'copy.casefile')
    expect((await cli(['--archive', path, 'backup', backup])).out).toBe(`Backed up ${path} to ${backup}\n`)
    const again = await cli(['--archive', path, 'backup', backup])
    expect(again.code).toBe(1)
    expect(again.err).toContain('copy.casefile already exists; choose a new name so no file is overwritten.')
    const archive = await openArchive(path, { create: false, seedDir: null, nativeBinding: null })
    insertNote(archive.db, 'After the backup', '')
    archive.close()
    const restored = await cli(['--archive', path, 'restore', backup])
    expect(restored.code).toBe(0)
    expect(restored.out).toMatch(/The content it had before is saved as .+\.before-restore-.+\.backup \(casefile restore --undo brings it back\)\n$/)
    expect(JSON.parse((await cli(['--archive', path, 'info', '--json'])).out).counts.notes).toBe(0)
    const notArchive = await cli(['--archive', path, 'restore', join(ROOT, 'package.json')])
    expect(notArchive.code).toBe(1)
    expect(notArchive.err).toContain('package.json is not a Casefile archive')
  })
})
