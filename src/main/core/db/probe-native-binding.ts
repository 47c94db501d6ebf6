// Whether a better-sqlite3 binary can be loaded by this process. The app asks before it opens any
// archive: a binary built for another ABI fails on every open, and each failure would otherwise be
// reported as a problem with the archive ("open another?"), which it is not.

import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'

export type NativeBindingProbe =
  | { ok: true }
  | { ok: false; reason: 'missing' }
  /** The file is there but does not load: another ABI (NODE_MODULE_VERSION), another CPU, damaged. */
  | { ok: false; reason: 'unloadable'; detail: string }

export function probeNativeBinding(path: string): NativeBindingProbe {
  if (!existsSync(path)) return { ok: false, reason: 'missing' }
  try {
    new Database(':memory:', { nativeBinding: path }).close()
    return { ok: true }
  } catch (error) {
    return { ok: false, reason: 'unloadable', detail: error instanceof Error ? error.message : String(error) }
  }
}
