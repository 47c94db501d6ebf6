import { describe, expect, it } from 'vitest'
import type { SavedChart } from '../../../../src/shared/model'
import { ChartsState } from '../../../../src/renderer/src/charts/charts.svelte'
import { deferred, installFakeBridge, Refusal } from '../fake-bridge'
import { sampleChart as chart } from '../samples'

describe('ChartsState', () => {
  it('lists the archive’s charts; one saved here takes its place by name (then id) at once', async () => {
    const bridge = installFakeBridge({ listCharts: () => [chart(1, 'Backlog'), chart(2, 'removals')] })
    const charts = new ChartsState()
    expect(charts.status).toBe('loading')
    await charts.load()
    charts.saved(chart(3, 'Arrests'))
    charts.saved(chart(4, 'backlog'))
    charts.saved({ ...chart(2, 'Removals by year') })
    expect(charts.items.map((item) => [item.id, item.name])).toEqual([
      [3, 'Arrests'],
      [1, 'Backlog'],
      [4, 'backlog'],
      [2, 'Removals by year']
    ])
    charts.removed(1)
    expect(charts.items.map((item) => item.id)).toEqual([3, 4, 2])
    expect(bridge.argsOf('listCharts')).toHaveLength(1)
  })

  it('says why the list could not be loaded, and a later load recovers', async () => {
    const bridge = installFakeBridge({
      listCharts: () => {
        throw new Refusal('busy', 'The archive is busy.')
      }
    })
    const charts = new ChartsState()
    await charts.load()
    expect(charts.status).toBe('error')
    expect(charts.error?.message).toBe('The archive is busy.')
    bridge.handle({ listCharts: () => [chart(1, 'Backlog')] })
    await charts.load()
    expect(charts.status).toBe('ready')
    expect(charts.error).toBeNull()
    expect(charts.items).toHaveLength(1)
  })

  it('drops a list that was on its way when a chart was saved here', async () => {
    const old = deferred<SavedChart[]>()
    installFakeBridge({ listCharts: () => old.promise })
    const charts = new ChartsState()
    const loading = charts.load()
    charts.saved(chart(5, 'New'))
    old.resolve([])
    await loading
    expect(charts.items.map((item) => item.id)).toEqual([5])
  })
})
