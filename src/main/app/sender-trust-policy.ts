// Every IPC call is checked against this one rule (Electron's security checklist, item "validate the
// sender of all IPC messages"): a subframe, another window or a page that navigated away must not
// reach the archive even if it somehow got hold of ipcRenderer.

import { originOf } from './app-origin'

export interface SenderFacts {
  /** The sending frame's URL; null when Electron no longer knows the frame (navigated or destroyed). */
  frameUrl: string | null
  isMainFrame: boolean
  isOurWebContents: boolean
}

export function isTrustedSender(facts: SenderFacts, allowedOrigins: readonly string[]): boolean {
  if (!facts.isOurWebContents || !facts.isMainFrame || facts.frameUrl === null) return false
  const origin = originOf(facts.frameUrl)
  return origin !== null && allowedOrigins.includes(origin)
}
