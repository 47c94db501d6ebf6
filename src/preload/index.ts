// Runs sandboxed before the page: it may only require('electron'), so everything else it uses is
// bundled in. It exposes exactly the contract's methods and one event subscription as
// window.casefile — no ipcRenderer, no channel names, no Electron event objects reach the page.

import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import {
  apiMethods,
  IPC_EVENT_CHANNEL,
  IPC_PREFIX,
  type ApiEvent,
  type ArchiveApi,
  type CasefileBridge,
  type DroppedFile,
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

// Runs here, not over IPC: only the preload can ask Electron where a dropped File lives on disk.
function pathForFile(file: DroppedFile): string {
  return webUtils.getPathForFile(file as File)
}

const bridge = { ...invokers(), onEvent, pathForFile } satisfies CasefileBridge

contextBridge.exposeInMainWorld('casefile', bridge)
