import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { apiMethods, type ApiMethod } from '../../../src/shared/api'
import { createBridge } from '../../../src/shared/create-bridge'
import type { Result } from '../../../src/shared/result'
import { BRIDGE_MEMBERS } from '../../helpers/bridge-members'

function recorder(): { calls: { method: ApiMethod; args: unknown }[]; invoke: (method: ApiMethod, args: unknown) => Promise<Result<unknown>> } {
  const calls: { method: ApiMethod; args: unknown }[] = []
  return { calls, invoke: (method, args) => (calls.push({ method, args }), Promise.resolve({ ok: true, value: method })) }
}

const local = { onEvent: () => () => undefined, pathForFile: (file: { name: string }) => `/dropped/${file.name}` }

describe('createBridge', () => {
  it('makes exactly the contract methods and the local members, frozen, each method handing on one argument', async () => {
    const { calls, invoke } = recorder()
    const bridge = createBridge(apiMethods, invoke, local)
    expect(Object.keys(bridge).sort()).toEqual(BRIDGE_MEMBERS)
    expect(Object.isFrozen(bridge)).toBe(true)
    const loose = bridge as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>
    expect(await loose.getArticle!({ id: 3 }, 'extra', 'arguments')).toEqual({ ok: true, value: 'getArticle' })
    await bridge.listNotes()
    expect(calls).toEqual([
      { method: 'getArticle', args: { id: 3 } },
      { method: 'listNotes', args: undefined }
    ])
    expect(bridge.pathForFile({ name: 'memo.txt' })).toBe('/dropped/memo.txt')
  })

  it('works from its source text alone, in a realm with nothing else in it (how the test harness puts it into the page)', async () => {
    const { calls, invoke } = recorder()
    const rebuilt = runInNewContext(`(${createBridge.toString()})`, {}) as typeof createBridge
    const bridge = rebuilt(apiMethods, invoke, local)
    expect(Object.keys(bridge).sort()).toEqual(BRIDGE_MEMBERS)
    await bridge.search({ query: 'review', kinds: [], source: null, after: null, before: null, sort: 'relevance', exact: false, offset: 0, limit: 5 })
    expect(calls.map((call) => call.method)).toEqual(['search'])
  })
})
