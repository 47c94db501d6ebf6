import { describe, expect, it } from 'vitest'
import type { JobStatus } from '../../../../src/shared/model'
import { progressLine } from '../../../../src/main/cli/import-command'

function running(partial: Partial<JobStatus>): JobStatus {
  return { id: 'j', kind: 'import', title: 'Importing scan.pdf', state: 'running', progress: 0.25, detail: 'scan.pdf — page 3 of 12 (3 read by OCR)', bytesRead: 0, bytesTotal: 1_900_000, rowsWritten: 0, pages: null, skipped: [], ...partial, outcomes: [] }
}

describe('the CLI’s progress line', () => {
  it('counts a PDF in pages, without bytes or rows that say nothing of a scan', () => {
    const line = progressLine(running({ pages: { read: 3, total: 12, ocr: 3 }, bytesRead: 475_000 }))
    expect(line).toContain(' 25% · scan.pdf — page 3 of 12 (3 read by OCR)')
    expect(line).not.toMatch(/ B \/|rows/)
  })

  it('counts a table in bytes and rows', () => {
    const line = progressLine(running({ detail: 'a.csv — reading', bytesRead: 950_000, rowsWritten: 1200 }))
    expect(line).toMatch(/ 25% .+ \/ .+ · 1,200 rows · a\.csv — reading/)
  })
})
