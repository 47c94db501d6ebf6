// A working folder with a document open in Word or Excel holds the owner ("lock") file Office writes
// beside it, "~$memo.docx", and Word's temporary files, "~WRL0001.tmp". Dropped or named as part of a
// folder, they are left out with a note, as hidden files are, instead of failing the import.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { cli } from '../../../helpers/cli-in-process'
import { wordParagraph, writeDocx } from '../../../helpers/office-documents'
import { tempDir } from '../../../helpers/temp-archive'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

/** Office's owner file: a length byte, the user's name, padded with NULs to 162 bytes. */
function ownerFile(user: string): Buffer {
  const bytes = Buffer.alloc(162)
  bytes[0] = user.length
  bytes.write(user, 1, 'latin1')
  return bytes
}

describe('a folder holding Office lock and temporary files', () => {
  it('imports the documents and leaves the lock files out, saying so', async () => {
    const made = tempDir('cli-lock-files')
    cleanups.push(made.cleanup)
    const folder = join(made.dir, 'work')
    mkdirSync(folder)
    writeDocx(join(folder, 'memo.docx'), wordParagraph('Cases were reviewed in May.', null, false), { title: 'Memo', creator: null, created: null })
    writeFileSync(join(folder, 'removals.csv'), 'year,removals\n2012,409849\n')
    writeFileSync(join(folder, '~$memo.docx'), ownerFile('A. Researcher'))
    writeFileSync(join(folder, '~WRL0001.tmp'), Buffer.alloc(512, 0x20))
    const { code, out, err } = await cli(['--archive', join(made.dir, 'a.casefile'), 'import', folder])
    expect(err).toBe('')
    expect(code).toBe(0)
    const lines = out.trim().split('\n')
    expect(lines.filter((line) => line.startsWith('imported')).map((line) => line.split(' → ')[0])).toEqual(['imported  memo.docx', 'imported  removals.csv'])
    expect(lines.filter((line) => !line.startsWith('imported'))).toEqual([
      'skipped   ~$memo.docx — Office’s lock file for a document open in Word or Excel; it was left out.',
      'skipped   ~WRL0001.tmp — Office’s temporary file; it was left out.'
    ])
  }, 60_000)

  it('still imports such a file when it is named on its own (the person asked for it)', async () => {
    const made = tempDir('cli-lock-named')
    cleanups.push(made.cleanup)
    const lock = join(made.dir, '~$memo.docx')
    writeFileSync(lock, ownerFile('A. Researcher'))
    const { code, err } = await cli(['--archive', join(made.dir, 'a.casefile'), 'import', lock])
    expect(code).toBe(1)
    expect(err).toMatch(/^failed {4}~\$memo\.docx /)
  }, 60_000)
})
