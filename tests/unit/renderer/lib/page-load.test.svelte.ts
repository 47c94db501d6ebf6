import { describe, expect, it } from 'vitest'
import { ApiFailure } from '../../../../src/renderer/src/lib/api'
import { PageLoad } from '../../../../src/renderer/src/lib/page-load.svelte'
import { deferred } from '../fake-bridge'

/** Stands in for the Loadable a page belongs to: asking anew moves its sequence on. */
class Question {
  sequence = 0
  askAgain(): void {
    this.sequence++
  }
}

describe('PageLoad', () => {
  it('adds a page, one at a time, and is idle again afterwards', async () => {
    const added: number[][] = []
    const page = new PageLoad(new Question())
    const answer = deferred<number[]>()
    const first = page.load(() => answer.promise, (rows) => added.push(rows))
    expect(page.loading).toBe(true)
    // A second request while one is on its way is not made.
    let asked = false
    expect(
      await page.load(
        async () => {
          asked = true
          return [9]
        },
        (rows) => added.push(rows)
      )
    ).toBe(false)
    expect(asked).toBe(false)
    answer.resolve([1, 2])
    expect(await first).toBe(true)
    expect(added).toEqual([[1, 2]])
    expect(page.status).toBe('idle')
  })

  it('keeps a failure to itself, with the reason, and a retry clears it', async () => {
    const page = new PageLoad(new Question())
    expect(await page.load(() => Promise.reject(new ApiFailure('busy', 'The archive is busy.')), () => undefined)).toBe(false)
    expect(page.status).toBe('error')
    expect(page.error?.message).toBe('The archive is busy.')
    const retry = deferred<number>()
    const retried = page.load(() => retry.promise, () => undefined)
    expect(page.error).toBeNull()
    retry.resolve(1)
    expect(await retried).toBe(true)
    expect(page.status).toBe('idle')
  })

  it('drops a page, or its failure, when the question was asked anew meanwhile', async () => {
    const question = new Question()
    const page = new PageLoad(question)
    const added: number[] = []
    const stale = deferred<number>()
    const staleLoad = page.load(() => stale.promise, (value) => added.push(value))
    question.askAgain()
    page.reset()
    stale.resolve(1)
    expect(await staleLoad).toBe(false)
    expect(added).toEqual([])
    expect(page.status).toBe('idle')

    const failing = deferred<number>()
    const failingLoad = page.load(() => failing.promise, (value) => added.push(value))
    question.askAgain()
    page.reset()
    failing.reject(new Error('pipe broke'))
    expect(await failingLoad).toBe(false)
    expect(page.status).toBe('idle')
    expect(page.error).toBeNull()
  })
})
