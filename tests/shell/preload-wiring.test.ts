// Wiring of the built preload (out/preload/index.cjs), run the way a sandboxed preload runs: a
// CommonJS script whose `require` knows only 'electron' (a sandboxed preload gets nothing else from
// Node), here a stand-in that records what the preload does. Proves what the page can reach through
// window.casefile; not that Electron's contextBridge copies it faithfully (docs/ELECTRON.md).

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runInNewContext } from 'node:vm'
import { beforeAll, describe, expect, it } from 'vitest'
import { apiMethods, IPC_EVENT_CHANNEL, IPC_PREFIX } from '../../src/shared/api'
import { BRIDGE_MEMBERS } from '../helpers/bridge-members'
import { PROJECT_ROOT, requireBuild } from './stand-in/layouts'

interface Loaded {
  exposed: Map<string, Record<string, unknown>>
  invoked: { channel: string; args: unknown[] }[]
  listeners: Map<string, ((...args: unknown[]) => void)[]>
  required: string[]
}

function loadPreload(): Loaded {
  const loaded: Loaded = { exposed: new Map(), invoked: [], listeners: new Map(), required: [] }
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: Record<string, unknown>) => loaded.exposed.set(key, api)
    },
    ipcRenderer: {
      invoke: (channel: string, ...args: unknown[]) => {
        loaded.invoked.push({ channel, args })
        return Promise.resolve({ ok: true, value: null })
      },
      on: (channel: string, listener: (...args: unknown[]) => void) => loaded.listeners.set(channel, [...(loaded.listeners.get(channel) ?? []), listener]),
      removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
        loaded.listeners.set(channel, (loaded.listeners.get(channel) ?? []).filter((candidate) => candidate !== listener))
    },
    webUtils: { getPathForFile: (file: { name: string }) => `/dropped/${file.name}` }
  }
  const sandboxedRequire = (name: string): unknown => {
    loaded.required.push(name)
    if (name === 'electron') return electron
    throw new Error(`module not found: ${name} (a sandboxed preload can only require electron)`)
  }
  const module = { exports: {} }
  const code = readFileSync(join(PROJECT_ROOT, 'out', 'preload', 'index.cjs'), 'utf8')
  runInNewContext(`(function (require, module, exports) {${code}\n})`, { console })(sandboxedRequire, module, module.exports)
  return loaded
}

let loaded: Loaded

beforeAll(() => {
  requireBuild()
  loaded = loadPreload()
})

describe('the built preload, sandboxed', () => {
  it('needs nothing but electron', () => {
    expect(loaded.required).toEqual(['electron'])
  })

  it('exposes window.casefile with exactly the contract methods and the local members, all functions', () => {
    expect([...loaded.exposed.keys()]).toEqual(['casefile'])
    const bridge = loaded.exposed.get('casefile')!
    expect(Object.keys(bridge).sort()).toEqual(BRIDGE_MEMBERS)
    for (const [name, member] of Object.entries(bridge)) expect(typeof member, name).toBe('function')
  })

  it('sends each method to its own channel with exactly one argument', async () => {
    const bridge = loaded.exposed.get('casefile') as Record<string, (...args: unknown[]) => Promise<unknown>>
    for (const method of apiMethods) await bridge[method]!({ probe: method }, 'extra', 'arguments')
    expect(loaded.invoked).toEqual(apiMethods.map((method) => ({ channel: IPC_PREFIX + method, args: [{ probe: method }] })))
  })

  it('forwards events to a listener without the Electron event object, and stops when unsubscribed', () => {
    const bridge = loaded.exposed.get('casefile') as { onEvent: (listener: (event: unknown) => void) => () => void; pathForFile: (file: { name: string }) => string }
    const seen: unknown[] = []
    const unsubscribe = bridge.onEvent((event) => seen.push(event))
    const [forward] = loaded.listeners.get(IPC_EVENT_CHANNEL) ?? []
    forward?.({ sender: 'the ipc event' }, { type: 'job' })
    expect(seen).toEqual([{ type: 'job' }])
    unsubscribe()
    expect(loaded.listeners.get(IPC_EVENT_CHANNEL)).toEqual([])
    expect(() => bridge.onEvent('not a function' as unknown as (event: unknown) => void)).toThrow('casefile.onEvent expects a function.')
    expect(bridge.pathForFile({ name: 'memo.txt' })).toBe('/dropped/memo.txt')
  })
})
