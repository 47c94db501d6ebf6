// Ctrl-C during a long import (OCR takes seconds a page): the CLI stops the import, says so in a
// line (a JSON line with --json, so a script reading one line per file gets one), leaves nothing of
// the file in the archive and a ledger line that says "cancelled", and exits 130 as shells expect.
import Database from 'better-sqlite3'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../../../src/main/cli/run-cli'
import type { CliIo } from '../../../../src/main/cli/cli-io'
import { PROJECT_ROOT } from '../../../helpers/cli-in-process'
import { scannedPdf } from '../../../helpers/scanned-pdf'
import { tempDir } from '../../../helpers/temp-archive'

const MEMO = `<!DOCTYPE html><html><head><title>x</title><style>@page { size: Letter; margin: 1in } body { font: 14pt/1.5 serif }</style></head><body>
<p>The first page of the scanned memo.</p><p style="break-before: page">The second page of the scanned memo.</p></body></html>`

let made: { dir: string; cleanup: () => void }
let scan = ''

beforeAll(async () => {
  made = tempDir('cli-interrupt')
  scan = join(made.dir, 'scan.pdf')
  writeFileSync(scan, await scannedPdf(MEMO, 150, [], null))
}, 60_000)

afterAll(() => made.cleanup())

/** Runs `import scan.pdf`, pressing Ctrl-C once the progress line shows the first page read. */
async function interruptedImport(archive: string, extra: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  let interrupt: (() => void) | null = null
  const io: CliIo = {
    out: (text) => (out += text),
    err: (text) => {
      err += text
      if (text.includes('page 1 of 2') && interrupt !== null) {
        const press = interrupt
        interrupt = null
        press()
      }
    },
    isTty: false,
    errIsTty: true,
    onInterrupt: (handler) => {
      interrupt = handler
      return () => (interrupt = null)
    }
  }
  const code = await runCli(['--archive', archive, 'import', scan, ...extra], io, PROJECT_ROOT)
  return { code, out, err }
}

function ledger(archive: string): { articles: number; statuses: string[] } {
  const db = new Database(archive, { readonly: true })
  try {
    const articles = (db.prepare("SELECT count(*) AS n FROM articles WHERE source_file = 'scan.pdf'").get() as { n: number }).n
    const statuses = (db.prepare("SELECT status FROM imports WHERE file_name = 'scan.pdf'").all() as { status: string }[]).map((row) => row.status)
    return { articles, statuses }
  } finally {
    db.close()
  }
}

describe('Ctrl-C during an import', () => {
  it('stops it, says so in a line, keeps nothing of the file, records it as cancelled and exits 130', async () => {
    const archive = join(made.dir, 'a.casefile')
    const { code, out } = await interruptedImport(archive, [])
    expect(code).toBe(130)
    expect(out).toBe('cancelled scan.pdf — stopped by Ctrl-C; nothing of it was imported.\n')
    expect(ledger(archive)).toEqual({ articles: 0, statuses: ['cancelled'] })
  }, 120_000)

  it('writes the cancelled file’s JSON line with --json', async () => {
    const archive = join(made.dir, 'b.casefile')
    const { code, out } = await interruptedImport(archive, ['--json'])
    expect(code).toBe(130)
    const lines = out.trim().split('\n').map((line) => JSON.parse(line) as { file: string; status: string })
    expect(lines.map((line) => [line.file, line.status])).toEqual([['scan.pdf', 'cancelled']])
  }, 120_000)
})
