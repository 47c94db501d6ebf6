import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readWindowState, WINDOW_STATE_FILE, writeWindowState } from '../../../../src/main/app/window-state-file'
import { writeFileAtomicSync } from '../../../../src/main/core/fs/write-file-atomic'

let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'casefile-window-state-'))
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('window state file', () => {
  it('remembers what was written', () => {
    const path = join(dir, WINDOW_STATE_FILE)
    const state = { bounds: { x: 5, y: 6, width: 900, height: 700 }, maximized: false }
    writeWindowState(path, state)
    expect(readWindowState(path)).toEqual(state)
  })

  it('reads a missing or damaged file as no memory', () => {
    const path = join(dir, WINDOW_STATE_FILE)
    expect(readWindowState(path)).toBeNull()
    writeFileSync(path, '{"version":1,"bounds":')
    expect(readWindowState(path)).toBeNull()
  })

  it('logs instead of throwing when the folder is gone', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(() => writeWindowState(join(dir, 'missing', WINDOW_STATE_FILE), { bounds: { x: 0, y: 0, width: 800, height: 600 }, maximized: false })).not.toThrow()
    expect(warn).toHaveBeenCalledOnce()
    warn.mockRestore()
  })
})

describe('writeFileAtomicSync', () => {
  it('replaces the file and leaves no temporary file behind', () => {
    const path = join(dir, 'state.json')
    writeFileAtomicSync(path, 'first')
    writeFileAtomicSync(path, 'second')
    expect(readFileSync(path, 'utf8')).toBe('second')
    expect(readdirSync(dir)).toEqual(['state.json'])
  })

  it('leaves the target untouched and cleans up when the rename fails', () => {
    // Renaming a file over a non-empty directory fails after the temporary file was written.
    const target = join(dir, 'occupied')
    mkdirSync(target)
    writeFileSync(join(target, 'inside'), 'kept')
    expect(() => writeFileAtomicSync(target, 'new')).toThrow()
    expect(readFileSync(join(target, 'inside'), 'utf8')).toBe('kept')
    expect(readdirSync(dir)).toEqual(['occupied'])
  })
})
