import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ChartData } from '../../../../src/shared/chart-spec'
import { ChartPreviewState, PREVIEW_DELAY_MS } from '../../../../src/renderer/src/charts/chart-preview.svelte'
import { deferred, installFakeBridge, Refusal } from '../fake-bridge'
import { sampleChartData as drawn, sampleChartSpec as spec } from '../samples'

describe('ChartPreviewState', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  it('draws a moment after the last change, asking once for the last spec', async () => {
    const bridge = installFakeBridge({ chartData: ({ spec: asked }) => drawn(asked) })
    const preview = new ChartPreviewState()
    expect(preview.status).toBe('idle')
    preview.request(spec('a'), PREVIEW_DELAY_MS)
    preview.request(spec('ab'), PREVIEW_DELAY_MS)
    expect(preview.status).toBe('loading')
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS - 1)
    expect(bridge.calls).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(bridge.argsOf('chartData').map((args) => args.spec.title)).toEqual(['ab'])
    expect(preview.status).toBe('ready')
    expect(preview.data?.spec.title).toBe('ab')
    expect(preview.problem).toBeNull()
  })

  it('keeps the last chart on screen while the next is computed, and never shows an older one over a newer one', async () => {
    const slow = deferred<ChartData>()
    installFakeBridge({ chartData: ({ spec: asked }) => (asked.title === 'slow' ? slow.promise : drawn(asked)) })
    const preview = new ChartPreviewState()
    preview.request(spec('first'), 0)
    await vi.advanceTimersByTimeAsync(0)
    preview.request(spec('slow'), 0)
    await vi.advanceTimersByTimeAsync(0)
    expect(preview.status).toBe('loading')
    expect(preview.data?.spec.title).toBe('first')
    preview.request(spec('newest'), 0)
    await vi.advanceTimersByTimeAsync(0)
    expect(preview.data?.spec.title).toBe('newest')
    slow.resolve(drawn(spec('slow')))
    await vi.advanceTimersByTimeAsync(0)
    expect(preview.data?.spec.title).toBe('newest')
    expect(preview.status).toBe('ready')
  })

  it('shows the archive’s reason when a spec cannot be drawn, and clears it when a good one is drawn', async () => {
    const bridge = installFakeBridge({
      chartData: () => {
        throw new Refusal('invalid-input', 'Column 4 holds no numbers to add up.')
      }
    })
    const preview = new ChartPreviewState()
    preview.request(spec('sum of text'), 0)
    await vi.advanceTimersByTimeAsync(0)
    expect(preview.status).toBe('problem')
    expect(preview.problem).toBe('Column 4 holds no numbers to add up.')
    bridge.handle({ chartData: ({ spec: asked }) => drawn(asked) })
    preview.request(spec('count'), 0)
    await vi.advanceTimersByTimeAsync(0)
    expect(preview.status).toBe('ready')
    expect(preview.problem).toBeNull()
  })

  it('a refusal of the builder’s own wins over a chart on its way, and asks the archive nothing', async () => {
    const bridge = installFakeBridge({ chartData: ({ spec: asked }) => drawn(asked) })
    const preview = new ChartPreviewState()
    preview.request(spec('drawn'), 0)
    await vi.advanceTimersByTimeAsync(0)
    preview.request(spec('pending'), PREVIEW_DELAY_MS)
    preview.refuse('Choose a column to add up.')
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS * 2)
    expect(bridge.argsOf('chartData')).toHaveLength(1)
    expect(preview.status).toBe('problem')
    expect(preview.problem).toBe('Choose a column to add up.')
    // The chart drawn last stays available (to export) while the builder says what is missing.
    expect(preview.data?.spec.title).toBe('drawn')
  })

  it('drops an answer that arrives after a refusal or after the view closed', async () => {
    const slow = deferred<ChartData>()
    installFakeBridge({ chartData: () => slow.promise })
    const preview = new ChartPreviewState()
    preview.request(spec('slow'), 0)
    await vi.advanceTimersByTimeAsync(0)
    preview.refuse('Choose a column to add up.')
    slow.resolve(drawn(spec('slow')))
    await vi.advanceTimersByTimeAsync(0)
    expect(preview.status).toBe('problem')
    expect(preview.data).toBeNull()

    const closing = new ChartPreviewState()
    const late = deferred<ChartData>()
    installFakeBridge({ chartData: () => late.promise })
    closing.request(spec('late'), 0)
    await vi.advanceTimersByTimeAsync(0)
    closing.dispose()
    expect(closing.status).toBe('idle')
    late.resolve(drawn(spec('late')))
    await vi.advanceTimersByTimeAsync(0)
    expect(closing.data).toBeNull()
  })
})
