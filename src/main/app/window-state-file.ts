// Reads and writes userData/window-state.json. A missing or damaged file simply means "no memory".

import { readFileSync } from 'node:fs'
import { parseWindowState, serializeWindowState, type WindowState } from './window-state-policy'
import { writeFileAtomicSync } from '../core/fs/write-file-atomic'

export const WINDOW_STATE_FILE = 'window-state.json'

export function readWindowState(path: string): WindowState | null {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return null
  }
  return parseWindowState(text)
}

/** Losing the window's position is not worth interrupting the user, so failures are only logged. */
export function writeWindowState(path: string, state: WindowState): void {
  try {
    writeFileAtomicSync(path, serializeWindowState(state))
  } catch (error) {
    console.warn(`Casefile could not remember the window position in ${path}:`, error)
  }
}
