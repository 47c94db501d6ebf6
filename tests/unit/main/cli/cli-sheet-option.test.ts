// --sheet picks a workbook's sheets. Given with files that have none (a Word file, a PDF, a CSV) it
// cannot do what was asked: the file is imported (a folder may mix workbooks with other files), and
// the result says the choice was not used for it.
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { cli, PROJECT_ROOT } from '../../../helpers/cli-in-process'
import { wordParagraph, writeDocx } from '../../../helpers/office-documents'
import { tempDir } from '../../../helpers/temp-archive'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

describe('--sheet with files that are not workbooks', () => {
  it('imports them, with a warning that the sheets chosen were not used', async () => {
    const made = tempDir('cli-sheet')
    cleanups.push(made.cleanup)
    const docx = writeDocx(join(made.dir, 'memo.docx'), wordParagraph('Cases were reviewed in May.', null, false), { title: 'Memo', creator: null, created: null })
    const pdf = join(made.dir, 'backlog.pdf')
    copyFileSync(join(PROJECT_ROOT, 'tests', 'fixtures', 'import', 'article', 'backlog-article.pdf'), pdf)
    const archive = join(made.dir, 'a.casefile')
    const { code, out } = await cli(['--archive', archive, 'import', docx, pdf, '--sheet', 'Table 39', '--json'])
    expect(code).toBe(0)
    const lines = out.trim().split('\n').map((line) => JSON.parse(line) as { file: string; status: string; warnings: string[] })
    expect(lines.map((line) => [line.file, line.status, line.warnings])).toEqual([
      ['memo.docx', 'imported', ['memo.docx is not a workbook, so the sheet chosen (“Table 39”) was not used for it.']],
      ['backlog.pdf', 'imported', ['backlog.pdf is not a workbook, so the sheet chosen (“Table 39”) was not used for it.']]
    ])
  }, 60_000)
})
