import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { JobsState, KEPT_JOBS, SUMMARY_LINGER_MS } from '../../../../src/renderer/src/imports/jobs.svelte'
import { installFakeBridge, Refusal } from '../fake-bridge'
import { sampleJob, sampleOutcome } from '../samples'

describe('JobsState', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  it('says what each event did: started, progressed, finished (once), and lists the newest first', () => {
    const jobs = new JobsState()
    expect(jobs.update(sampleJob('a', 'running', []))).toBe('started')
    expect(jobs.update(sampleJob('b', 'running', []))).toBe('started')
    expect(jobs.update(sampleJob('a', 'running', []))).toBe('progressed')
    expect(jobs.running.map((job) => job.id)).toEqual(['b', 'a'])
    expect(jobs.update(sampleJob('a', 'done', [sampleOutcome('imported')]))).toBe('finished')
    expect(jobs.update(sampleJob('a', 'done', [sampleOutcome('imported')]))).toBe('unchanged')
    // A tiny file can be seen for the first time already finished: it still just finished.
    expect(jobs.update(sampleJob('c', 'failed', [sampleOutcome('failed')]))).toBe('finished')
    expect(jobs.jobs.map((job) => job.id)).toEqual(['c', 'b', 'a'])
  })

  it('shows a finished job’s summary for a while, then lets it fade', () => {
    const jobs = new JobsState()
    jobs.update(sampleJob('a', 'running', []))
    jobs.update(sampleJob('a', 'done', [sampleOutcome('imported')]))
    expect(jobs.summary).not.toBeNull()
    vi.advanceTimersByTime(SUMMARY_LINGER_MS - 1)
    expect(jobs.summary).not.toBeNull()
    vi.advanceTimersByTime(1)
    expect(jobs.summary).toBeNull()
  })

  it('keeps at most the newest finished jobs, never dropping a running one', () => {
    const jobs = new JobsState()
    jobs.update(sampleJob('running', 'running', []))
    for (let index = 0; index < KEPT_JOBS + 5; index++) jobs.update(sampleJob(`done-${index}`, 'done', []))
    expect(jobs.jobs).toHaveLength(KEPT_JOBS)
    expect(jobs.jobs.some((job) => job.id === 'running')).toBe(true)
    expect(jobs.jobs[0]?.id).toBe(`done-${KEPT_JOBS + 4}`)
    expect(jobs.jobs.some((job) => job.id === 'done-0')).toBe(false)
  })

  it('dismisses finished jobs only, one or all, and forgets everything for another archive', () => {
    const jobs = new JobsState()
    jobs.update(sampleJob('a', 'running', []))
    jobs.update(sampleJob('b', 'done', []))
    jobs.update(sampleJob('c', 'cancelled', []))
    jobs.dismiss('a')
    jobs.dismiss('b')
    expect(jobs.jobs.map((job) => job.id)).toEqual(['c', 'a'])
    jobs.clearFinished()
    expect(jobs.jobs.map((job) => job.id)).toEqual(['a'])
    jobs.reset()
    expect(jobs.jobs).toEqual([])
    expect(jobs.summary).toBeNull()
  })

  it('marks a job as cancelling until it stops, and offers Cancel again when the request failed', async () => {
    const bridge = installFakeBridge({ cancelJob: () => ({ cancelled: true }) })
    const jobs = new JobsState()
    jobs.update(sampleJob('a', 'running', []))
    expect(await jobs.cancel('a')).toBeNull()
    expect(bridge.argsOf('cancelJob')).toEqual([{ jobId: 'a' }])
    expect(jobs.cancelling.has('a')).toBe(true)
    jobs.update(sampleJob('a', 'cancelled', [sampleOutcome('cancelled')]))
    expect(jobs.cancelling.has('a')).toBe(false)

    bridge.handle({
      cancelJob: () => {
        throw new Refusal('not-found', 'No such job.')
      }
    })
    jobs.update(sampleJob('b', 'running', []))
    expect((await jobs.cancel('b'))?.message).toBe('No such job.')
    expect(jobs.cancelling.has('b')).toBe(false)
  })

  it('lists the jobs the main process knows after a reload, and says whether one is running', async () => {
    const bridge = installFakeBridge({ listJobs: () => [sampleJob('a', 'done', []), sampleJob('b', 'running', [])] })
    const jobs = new JobsState()
    expect(await jobs.fetchKnown()).toBe(true)
    expect(jobs.jobs.map((job) => job.id).sort()).toEqual(['a', 'b'])
    // Nothing "just" finished: a reload shows no summary.
    expect(jobs.summary).toBeNull()
    bridge.handle({
      listJobs: () => {
        throw new Refusal('internal', 'broken')
      }
    })
    expect(await new JobsState().fetchKnown()).toBe(false)
  })
})
