// What `import` says of a folder with nothing to import in it (named like a file, dir.docx, or
// holding only hidden files) and of a link to a file that is not there: words about what the path
// is, not the app's "drop or choose the files inside it", nor "the file does not exist" of a link
// one can see in the folder.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { cli } from '../../../helpers/cli-in-process'
import { tempDir } from '../../../helpers/temp-archive'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

describe('import of a folder or a link with nothing behind it', () => {
  it('imports the files of a folder named like a file, and says a folder holds none when it does not', async () => {
    const made = tempDir('cli-folders')
    cleanups.push(made.cleanup)
    const named = join(made.dir, 'dir.docx')
    mkdirSync(named)
    writeFileSync(join(named, 'removals.csv'), 'year,removals\n2012,409849\n')
    const empty = join(made.dir, 'empty.docx')
    mkdirSync(empty)
    const hiddenOnly = join(made.dir, 'hidden')
    mkdirSync(hiddenOnly)
    writeFileSync(join(hiddenOnly, '.DS_Store'), 'x')
    const { code, out, err } = await cli(['--archive', join(made.dir, 'a.casefile'), 'import', named, empty, hiddenOnly])
    expect(code).toBe(1)
    expect(out).toMatch(/^imported {2}removals\.csv → dataset #\d+ \(1 row\)/)
    expect(err.trim().split('\n')).toEqual([
      'failed    empty.docx is a folder with no files to import in it (hidden files are left out); nothing was imported.',
      'failed    hidden is a folder with no files to import in it (hidden files are left out); nothing was imported.'
    ])
  }, 60_000)

  it('names the target of a link to a file that does not exist', async () => {
    const made = tempDir('cli-dangling')
    cleanups.push(made.cleanup)
    const link = join(made.dir, 'dangling.csv')
    symlinkSync(join(made.dir, 'gone.csv'), link)
    const { code, err } = await cli(['--archive', join(made.dir, 'a.casefile'), 'import', link])
    expect(code).toBe(1)
    expect(err.trim()).toBe(`failed    Casefile can't read dangling.csv: it is a link to ${join(made.dir, 'gone.csv')}, which does not exist.`)
  }, 60_000)
})
