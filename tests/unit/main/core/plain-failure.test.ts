// What the operating system says when a file cannot be used, in words a person reads: never an
// errno code, a system call's name or a quoted path.
import { execFileSync } from 'node:child_process'
import { constants, mkdirSync, openSync, rmdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { plainFailure, reasonOf } from '../../../../src/main/core/plain-failure'
import { tempFolders } from '../../../helpers/temp-archive'

const folder = tempFolders('plain-failure')

function failureOf(work: () => unknown): unknown {
  try {
    work()
  } catch (error) {
    return error
  }
  throw new Error('expected a failure')
}

const RAW = /\bE[A-Z]{2,}\b|, (stat|open|mkdir|rmdir|lstat|rename) '|'\//

describe('reasonOf', () => {
  it('says what the common failures of files mean', () => {
    const dir = folder()
    const loop = join(dir, 'loop')
    symlinkSync(loop, loop)
    expect(reasonOf(failureOf(() => statSync(loop)))).toBe('it is a link that leads back to itself (a loop of symbolic links)')
    const pipe = join(dir, 'pipe')
    execFileSync('mkfifo', [pipe])
    expect(reasonOf(failureOf(() => openSync(pipe, constants.O_WRONLY | constants.O_NONBLOCK)))).toBe('nothing is reading from it (a named pipe or a device that is not there)')
    expect(reasonOf(failureOf(() => mkdirSync(dir)))).toBe('something with that name exists already')
    mkdirSync(join(dir, 'full', 'inner'), { recursive: true })
    expect(reasonOf(failureOf(() => rmdirSync(join(dir, 'full'))))).toBe('the folder is not empty')
  })

  it('gives any other system failure in words, without its code, system call or path', () => {
    const odd = Object.assign(new Error("EWHATEVER: the device is having a strange day, write '/tmp/x.csv.123.partial'"), { code: 'EWHATEVER' })
    expect(reasonOf(odd)).toBe('the device is having a strange day')
    const bare = Object.assign(new Error('EWHATEVER'), { code: 'EWHATEVER' })
    expect(reasonOf(bare)).toBe('the operating system refused')
    for (const error of [odd, bare, failureOf(() => statSync(join(folder(), 'x'.repeat(300))))]) {
      expect(reasonOf(error)).not.toMatch(RAW)
      expect(plainFailure(error, 'a.casefile')).not.toMatch(RAW)
    }
  })

  it('leaves a message that is already plain as it is', () => {
    writeFileSync(join(folder(), 'x'), '')
    expect(reasonOf(new Error('the spec has no title'))).toBe('the spec has no title')
  })
})
