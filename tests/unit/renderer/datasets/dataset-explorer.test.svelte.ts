import { describe, expect, it } from 'vitest'
import type { RowPage, RowQuery } from '../../../../src/shared/row-query'
import { DatasetExplorerState, ROWS_PAGE_SIZE } from '../../../../src/renderer/src/datasets/dataset-explorer.svelte'
import { deferred, installFakeBridge, Refusal } from '../fake-bridge'

/** A table of `count` rows in stored order (rowid n holds the value n), read a keyset page at a time. */
function table(count: number): (query: RowQuery) => RowPage {
  return (query) => {
    const from = query.after === null ? 1 : query.after.rowid + 1
    const to = Math.min(count, from + query.limit - 1)
    const rows = Array.from({ length: Math.max(0, to - from + 1) }, (_, index) => ({ rowid: from + index, values: [from + index] }))
    const last = rows.at(-1)
    return { rows, total: count, next: to < count && last !== undefined ? { value: null, rowid: last.rowid } : null }
  }
}

const refused = (): never => {
  throw new Refusal('busy', 'The archive is busy.')
}

describe('DatasetExplorerState', () => {
  it('reads as loading before the first answer, then holds the first page and where the next starts', async () => {
    const bridge = installFakeBridge({ queryDatasetRows: table(450) })
    const explorer = new DatasetExplorerState(3)
    expect(explorer.status).toBe('loading')
    expect(explorer.rows).toEqual([])
    expect(explorer.total).toBeNull()
    await explorer.open(null)
    expect(explorer.status).toBe('ready')
    expect(explorer.rows).toHaveLength(ROWS_PAGE_SIZE)
    expect(explorer.total).toBe(450)
    expect(explorer.hasMore).toBe(true)
    expect(explorer.hasEarlier).toBe(false)
    expect(explorer.generation).toBe(1)
    expect(bridge.argsOf('queryDatasetRows')).toEqual([{ datasetId: 3, sort: null, filters: [], after: null, limit: ROWS_PAGE_SIZE }])
  })

  it('appends pages until the last one, and a page does not replace the rows from the top', async () => {
    installFakeBridge({ queryDatasetRows: table(450) })
    const explorer = new DatasetExplorerState(3)
    await explorer.open(null)
    await explorer.loadMore()
    await explorer.loadMore()
    expect(explorer.rows.map((row) => row.rowid)).toEqual(Array.from({ length: 450 }, (_, index) => index + 1))
    expect(explorer.hasMore).toBe(false)
    expect(explorer.generation).toBe(1)
    await explorer.loadMore()
    expect(explorer.rows).toHaveLength(450)
  })

  it('asks for one next page at a time', async () => {
    const page = deferred<RowPage>()
    const bridge = installFakeBridge({ queryDatasetRows: table(450) })
    const explorer = new DatasetExplorerState(3)
    await explorer.open(null)
    bridge.handle({ queryDatasetRows: () => page.promise })
    const first = explorer.loadMore()
    const second = explorer.loadMore()
    expect(explorer.more.status).toBe('loading')
    page.resolve(table(450)({ datasetId: 3, sort: null, filters: [], after: { value: null, rowid: 200 }, limit: ROWS_PAGE_SIZE }))
    await Promise.all([first, second])
    expect(bridge.argsOf('queryDatasetRows')).toHaveLength(2)
    expect(explorer.rows).toHaveLength(400)
  })

  it('keeps the rows shown when a next page fails, says why there, and the retry carries on from the same place', async () => {
    const bridge = installFakeBridge({ queryDatasetRows: table(450) })
    const explorer = new DatasetExplorerState(3)
    await explorer.open(null)
    bridge.handle({ queryDatasetRows: refused })
    await explorer.loadMore()
    expect(explorer.status).toBe('ready')
    expect(explorer.rows).toHaveLength(200)
    expect(explorer.more.status).toBe('error')
    expect(explorer.more.error?.message).toBe('The archive is busy.')
    bridge.handle({ queryDatasetRows: table(450) })
    await explorer.loadMore()
    expect(explorer.more.status).toBe('idle')
    expect(explorer.more.error).toBeNull()
    expect(explorer.rows).toHaveLength(400)
    expect(bridge.argsOf('queryDatasetRows').at(-1)?.after).toEqual({ value: null, rowid: 200 })
  })

  it('drops a page fetched for the old order when the sort changes meanwhile, and starts again from the top', async () => {
    const page = deferred<RowPage>()
    const bridge = installFakeBridge({ queryDatasetRows: table(450) })
    const explorer = new DatasetExplorerState(3)
    await explorer.open(null)
    bridge.handle({ queryDatasetRows: () => page.promise })
    const more = explorer.loadMore()
    bridge.handle({ queryDatasetRows: table(450) })
    explorer.setSort({ column: 0, direction: 'desc' })
    expect(explorer.more.status).toBe('idle')
    await expect.poll(() => explorer.generation).toBe(2)
    // The old order's page arrives after the new order's first page: it must not be appended to it.
    page.resolve(table(450)({ datasetId: 3, sort: null, filters: [], after: { value: null, rowid: 200 }, limit: ROWS_PAGE_SIZE }))
    await more
    expect(explorer.rows).toHaveLength(200)
    expect(explorer.more.status).toBe('idle')
    expect(bridge.argsOf('queryDatasetRows').at(-1)).toMatchObject({ sort: { column: 0, direction: 'desc' }, after: null })
  })

  it('never lets a slow answer to an older filter replace the newer one', async () => {
    const slow = deferred<RowPage>()
    installFakeBridge({ queryDatasetRows: (query) => (query.filters.length === 1 ? slow.promise : table(7)(query)) })
    const explorer = new DatasetExplorerState(3)
    const older = explorer.open(null)
    explorer.setFilters([{ column: 0, op: 'equals', value: '1', min: null, max: null }])
    explorer.setFilters([])
    await older
    await expect.poll(() => explorer.status).toBe('ready')
    slow.resolve({ rows: [{ rowid: 1, values: [1] }], total: 1, next: null })
    await slow.promise
    await Promise.resolve()
    expect(explorer.filters).toEqual([])
    expect(explorer.total).toBe(7)
    expect(explorer.rows).toHaveLength(7)
  })

  it('keeps the rows shown when a new question fails, and reload asks it again', async () => {
    const bridge = installFakeBridge({ queryDatasetRows: table(5) })
    const explorer = new DatasetExplorerState(3)
    await explorer.open(null)
    bridge.handle({ queryDatasetRows: refused })
    explorer.setSort({ column: 0, direction: 'asc' })
    await expect.poll(() => explorer.status).toBe('error')
    expect(explorer.error?.code).toBe('busy')
    expect(explorer.rows).toHaveLength(5)
    expect(explorer.generation).toBe(1)
    bridge.handle({ queryDatasetRows: table(5) })
    await explorer.reload()
    expect(explorer.status).toBe('ready')
    expect(explorer.error).toBeNull()
    expect(explorer.generation).toBe(2)
  })

  it('opened deep in the table starts just above the row, and earlier rows are added above until the top', async () => {
    const bridge = installFakeBridge({ queryDatasetRows: table(1000) })
    const explorer = new DatasetExplorerState(3)
    await explorer.open(500)
    const first = explorer.rows[0]?.rowid ?? 0
    expect(first).toBeGreaterThan(1)
    expect(first).toBeLessThan(500)
    expect(explorer.rows.some((row) => row.rowid === 500)).toBe(true)
    expect(explorer.hasEarlier).toBe(true)
    let added = 0
    while (explorer.hasEarlier) {
      const before = explorer.rows.length
      added = await explorer.loadEarlier()
      expect(added).toBe(explorer.rows.length - before)
      expect(added).toBeGreaterThan(0)
    }
    expect(explorer.rows[0]?.rowid).toBe(1)
    expect(new Set(explorer.rows.map((row) => row.rowid)).size).toBe(explorer.rows.length)
    // A sort or filter makes row numbers no longer positions: no earlier rows are offered.
    explorer.setFilters([{ column: 0, op: 'equals', value: '1', min: null, max: null }])
    expect(explorer.hasEarlier).toBe(false)
    expect(await explorer.loadEarlier()).toBe(0)
    expect(bridge.argsOf('queryDatasetRows').every((query) => query.datasetId === 3)).toBe(true)
  })

  it('a failed earlier page adds nothing and says why, leaving the next page alone', async () => {
    const bridge = installFakeBridge({ queryDatasetRows: table(1000) })
    const explorer = new DatasetExplorerState(3)
    await explorer.open(500)
    const shown = explorer.rows.length
    bridge.handle({ queryDatasetRows: refused })
    expect(await explorer.loadEarlier()).toBe(0)
    expect(explorer.rows).toHaveLength(shown)
    expect(explorer.earlier.status).toBe('error')
    expect(explorer.more.status).toBe('idle')
  })
})
