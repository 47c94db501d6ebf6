// The single IPC wrapper: every method of the contract is registered here and nowhere else, and
// every call passes the same three gates — trusted sender, valid arguments, errors as values.

import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { apiMethods, checkCall, IPC_EVENT_CHANNEL, IPC_PREFIX, type ApiEvent, type ApiMethod } from '@shared/api'
import { fail, type Result } from '@shared/result'
import type { ArchiveSession } from './archive-session'
import { plainErrorMessage } from './plain-error-message'
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

async function dispatch(method: ApiMethod, args: unknown, options: IpcOptions): Promise<Result<unknown>> {
  const api = options.session.api
  if (api === null) return fail('busy', 'No archive is open right now. Open or create one from the File menu.')
  // The call is typed per method by the contract; checkCall has just proven `args` fits `method`.
  const call = api[method] as (args: unknown) => Promise<Result<unknown>>
  return call.call(api, args)
}

export function registerIpc(options: IpcOptions): void {
  for (const method of apiMethods) {
    ipcMain.handle(IPC_PREFIX + method, async (event, args: unknown): Promise<Result<unknown>> => {
      if (!senderIsTrusted(event, options)) {
        console.warn(`Casefile refused ${method} from an untrusted frame (${event.senderFrame?.url ?? 'gone'}).`)
        return fail('bad-request', 'This request did not come from the Casefile window.')
      }
      const checked = checkCall(method, args)
      if (!checked.ok) return checked
      try {
        return await dispatch(method, args, options)
      } catch (error) {
        // The stack stays in the main process log; the renderer gets one readable line.
        console.error(`Casefile API ${method} failed:`, error)
        return fail('internal', `${method} failed: ${plainErrorMessage(error)}`)
      }
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
