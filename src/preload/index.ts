// Runs sandboxed before the page: it may only require('electron'), so everything else it uses is
// bundled in. It exposes exactly the contract's methods and its local members as window.casefile
// (built by createBridge, as the browser test harness builds it) — no ipcRenderer, no channel
// names, no Electron event objects reach the page.

import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import { apiMethods, IPC_EVENT_CHANNEL, IPC_PREFIX, type ApiEvent, type DroppedFile, type EventListener } from '@shared/api'
import { createBridge } from '@shared/create-bridge'
import type { Result } from '@shared/result'

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

// The main process checks every call (serveCall); what it answers is the contract's Result.
const invoke = (method: string, args: unknown): Promise<Result<unknown>> => ipcRenderer.invoke(IPC_PREFIX + method, args)

contextBridge.exposeInMainWorld('casefile', createBridge(apiMethods, invoke, { onEvent, pathForFile }))
