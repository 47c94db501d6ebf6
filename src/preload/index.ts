// Runs sandboxed before the page: it may only require('electron'), so everything else it uses is
// bundled in. It exposes exactly the contract's methods and one event subscription as
// window.casefile — no ipcRenderer, no channel names, no Electron event objects reach the page.

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import {
  apiMethods,
  IPC_EVENT_CHANNEL,
  IPC_PREFIX,
  type ApiEvent,
  type ArchiveApi,
  type CasefileBridge,
  type EventListener
} from '@shared/api'

function invokers(): ArchiveApi {
  const entries = apiMethods.map((method) => {
    const channel = IPC_PREFIX + method
    // Exactly one argument is forwarded, whatever the page passes; the main process validates it.
    const invoke = (args?: unknown): Promise<unknown> => ipcRenderer.invoke(channel, args)
    return [method, invoke] as const
  })
  // Built from the runtime list so no method can be forgotten; the types come from the contract.
  return Object.fromEntries(entries) as unknown as ArchiveApi
}

function onEvent(listener: EventListener): () => void {
  if (typeof listener !== 'function') throw new TypeError('casefile.onEvent expects a function.')
  const forward = (_event: IpcRendererEvent, payload: ApiEvent): void => listener(payload)
  ipcRenderer.on(IPC_EVENT_CHANNEL, forward)
  return () => {
    ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward)
  }
}

const bridge = { ...invokers(), onEvent } satisfies CasefileBridge

contextBridge.exposeInMainWorld('casefile', bridge)
