// The one dialog Casefile shows when its database engine cannot load, before any archive is touched.
// It names the fix and nothing else: the loader's own text (NODE_MODULE_VERSION 137, dlopen …) goes
// to the log, where a developer looks, not to the person starting the app.

import type { NativeBindingProbe } from '../core/db/probe-native-binding'

export interface NativeBindingDialog {
  title: string
  message: string
}

export const REBUILD_COMMAND = 'npm run rebuild:electron-sqlite'

export function nativeBindingDialog(problem: Exclude<NativeBindingProbe, { ok: true }>, isPackaged: boolean, electronVersion: string): NativeBindingDialog {
  const title = 'Casefile cannot start'
  if (isPackaged) {
    return {
      title,
      message:
        'This copy of Casefile is incomplete: its database engine could not be loaded, so no archive can be opened. ' +
        'Install Casefile again from its installer. Your archives are not affected.'
    }
  }
  const state =
    problem.reason === 'missing'
      ? `has not been built for Electron ${electronVersion} yet`
      : `in native/ was built for another version of Electron (or another computer) and cannot be loaded by Electron ${electronVersion}`
  return {
    title,
    message:
      `Casefile's database engine (better-sqlite3) ${state}. ` +
      `In the Casefile folder, run\n\n    ${REBUILD_COMMAND}\n\nthen start Casefile again (npm start does this for you on a networked machine). ` +
      'Your archives are not affected.'
  }
}
