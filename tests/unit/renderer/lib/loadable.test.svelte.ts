import { describe, expect, it, vi } from 'vitest'
import { ApiFailure } from '../../../../src/renderer/src/lib/api'
import { Loadable } from '../../../../src/renderer/src/lib/loadable.svelte'
import { deferred } from '../fake-bridge'

describe('Loadable', () => {
  it('goes from idle to loading to ready, keeping the value', async () => {
    const loadable = new Loadable<string>()
    expect(loadable.status).toBe('idle')
    const answer = deferred<string>()
    const loading = loadable.load(() => answer.promise)
    expect(loadable.status).toBe('loading')
    answer.resolve('first')
    expect(await loading).toBe(true)
    expect(loadable.status).toBe('ready')
    expect(loadable.value).toBe('first')
  })

  it('drops an answer that a newer request overtook, however late it arrives', async () => {
    const loadable = new Loadable<string>()
    const older = deferred<string>()
    const newer = deferred<string>()
    const first = loadable.load(() => older.promise)
    const second = loadable.load(() => newer.promise)
    newer.resolve('newer')
    expect(await second).toBe(true)
    older.resolve('older')
    expect(await first).toBe(false)
    expect(loadable.value).toBe('newer')
    expect(loadable.status).toBe('ready')
  })

  it('keeps the last value on a failure, says why as an ApiFailure, and retries the same fetch', async () => {
    const loadable = new Loadable<number>()
    let calls = 0
    await loadable.load(async () => {
      calls++
      if (calls === 2) throw new ApiFailure('not-found', 'gone')
      if (calls === 3) throw new Error('pipe broke')
      return calls
    })
    expect(loadable.value).toBe(1)
    loadable.retry()
    await vi.waitFor(() => expect(loadable.status).toBe('error'))
    expect(loadable.error?.code).toBe('not-found')
    expect(loadable.value).toBe(1)
    loadable.retry()
    await vi.waitFor(() => expect(loadable.error?.code).toBe('transport'))
    // Anything thrown becomes an ApiFailure, so error states always have a code and a message.
    expect(loadable.error?.code).toBe('transport')
    expect(loadable.error?.message).toContain('pipe broke')
    expect(calls).toBe(3)
  })

  it('set() drops a load in flight; modify() lets it land', async () => {
    const loadable = new Loadable<string[]>()
    const dropped = deferred<string[]>()
    const loadDropped = loadable.load(() => dropped.promise)
    loadable.set(['local'])
    dropped.resolve(['from the archive'])
    expect(await loadDropped).toBe(false)
    expect(loadable.value).toEqual(['local'])

    const landing = deferred<string[]>()
    const loadLanding = loadable.load(() => landing.promise)
    loadable.modify((items) => [...items, 'added'])
    expect(loadable.value).toEqual(['local', 'added'])
    landing.resolve(['from the archive'])
    expect(await loadLanding).toBe(true)
    expect(loadable.value).toEqual(['from the archive'])
  })

  it('expect() shows loading and drops older answers; reset() forgets everything', async () => {
    const loadable = new Loadable<string>()
    await loadable.load(async () => 'shown')
    const sequence = loadable.sequence
    const late = deferred<string>()
    const loading = loadable.load(() => late.promise)
    loadable.expect()
    expect(loadable.sequence).toBeGreaterThan(sequence + 1)
    expect(loadable.status).toBe('loading')
    late.resolve('late')
    expect(await loading).toBe(false)
    expect(loadable.value).toBe('shown')
    loadable.reset()
    expect(loadable.status).toBe('idle')
    expect(loadable.value).toBeNull()
    expect(loadable.error).toBeNull()
  })

  it('modify() does nothing before there is a value', () => {
    const loadable = new Loadable<string>()
    loadable.modify(() => 'invented')
    expect(loadable.value).toBeNull()
  })

  it('drop() drops the answer on its way and keeps what is shown; after a failure, expect() clears the error', async () => {
    const loadable = new Loadable<string>()
    const never = deferred<string>()
    const first = loadable.load(() => never.promise)
    loadable.drop()
    expect(loadable.status).toBe('idle')
    never.resolve('unwanted')
    expect(await first).toBe(false)
    expect(loadable.value).toBeNull()

    await loadable.load(async () => 'shown')
    const late = deferred<string>()
    const second = loadable.load(() => late.promise)
    loadable.drop()
    expect(loadable.status).toBe('ready')
    late.reject(new Error('too late to matter'))
    expect(await second).toBe(false)
    expect(loadable.status).toBe('ready')
    expect(loadable.value).toBe('shown')

    await loadable.load(() => Promise.reject(new ApiFailure('busy', 'The archive is busy.')))
    expect(loadable.status).toBe('error')
    loadable.expect()
    expect(loadable.error).toBeNull()
    // Nothing on its way any more, nothing failed: the value is what is shown.
    loadable.drop()
    expect(loadable.status).toBe('ready')
    expect(loadable.value).toBe('shown')
  })
})
