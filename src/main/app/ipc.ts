// The single IPC wrapper: every method of the contract is registered here and nowhere else. A call
// from anywhere but the Casefile window's main frame is refused; every other call is served by
// serveCall, the same function that serves the browser test harness and the CLI.

import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { apiMethods, IPC_EVENT_CHANNEL, IPC_PREFIX, type ApiEvent } from '@shared/api'
import { fail, type Result } from '@shared/result'
import { serveCall } from '../core/index'
import type { ArchiveSession } from './archive-session'
import { isTrustedSender } from './sender-trust-policy'

export interface IpcOptions {
  session: ArchiveSession
  /** The window whose main frame may call; read on every call because macOS can recreate it. */
  window: () => BrowserWindow | null
  allowedOrigins: readonly string[]
}

function senderIsTrusted(event: IpcMainInvokeEvent, options: IpcOptions): boolean {
  const window = options.window()
  const ours = window !== null && !window.isDestroyed() ? window.webContents : null
  const frame = event.senderFrame
  return isTrustedSender(
    {
      frameUrl: frame?.url ?? null,
      // frameTreeNodeId is unique for the browser's lifetime; WebFrameMain objects are not compared by identity.
      isMainFrame: frame !== null && ours !== null && frame.frameTreeNodeId === ours.mainFrame.frameTreeNodeId,
      isOurWebContents: ours !== null && event.sender.id === ours.id
    },
    options.allowedOrigins
  )
}

export function registerIpc(options: IpcOptions): void {
  for (const method of apiMethods) {
    ipcMain.handle(IPC_PREFIX + method, (event, args: unknown): Promise<Result<unknown>> => {
      if (!senderIsTrusted(event, options)) {
        console.warn(`Casefile refused ${method} from an untrusted frame (${event.senderFrame?.url ?? 'gone'}).`)
        return Promise.resolve(fail('bad-request', 'This request did not come from the Casefile window.'))
      }
      // The archive is looked up on every call: File › Open swaps it, and between two it is null (busy).
      return serveCall(options.session.served, method, args)
    })
  }
}

/** Forwards API events to the window, dropping them while it is gone (between close and recreate). */
export function eventSender(window: () => BrowserWindow | null): (event: ApiEvent) => void {
  return (event) => {
    const target = window()
    if (target === null || target.isDestroyed() || target.webContents.isDestroyed()) return
    target.webContents.send(IPC_EVENT_CHANNEL, event)
  }
}
