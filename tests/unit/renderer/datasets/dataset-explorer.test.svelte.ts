import { describe, expect, it } from 'vitest'
import type { RowPage, RowQuery } from '../../../../src/shared/row-query'
import { DatasetExplorerState, PAGES_KEPT_AROUND, ROWS_PAGE_SIZE } from '../../../../src/renderer/src/datasets/dataset-explorer.svelte'
import { deferred, installFakeBridge, Refusal } from '../fake-bridge'

/**
 * A table of `count` rows (rowid n holds the value n) as the archive answers it: in stored order or
 * sorted by the one column (descending: n, n-1, …), continuing after a cursor or skipping an offset.
 */
function table(count: number): (query: RowQuery) => RowPage {
  return (query) => {
    if (query.after !== null && query.offset !== 0) throw new Error('after and offset together')
    const descending = query.sort?.direction === 'desc'
    const order = Array.from({ length: count }, (_, index) => (descending ? count - index : index + 1))
    let from = query.offset
    if (query.after !== null) from = order.indexOf(query.after.rowid) + 1
    const rows = order.slice(from, from + query.limit).map((rowid) => ({ rowid, values: [rowid] }))
    const last = rows.at(-1)
    const more = from + query.limit < count
    return { rows, total: query.count ? count : null, next: more && last !== undefined ? { value: query.sort === null ? null : last.rowid, rowid: last.rowid } : null }
  }
}

const refused = (): never => {
  throw new Refusal('busy', 'The archive is busy.')
}

/** Waits until no page is on its way (every fetch of the fake answers at once). */
async function settled(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve()
}

describe('DatasetExplorerState', () => {
  it('reads as loading before the first answer, then holds the first page and the count of all rows', async () => {
    const bridge = installFakeBridge({ queryDatasetRows: table(450) })
    const explorer = new DatasetExplorerState(3)
    expect(explorer.status).toBe('loading')
    expect(explorer.rowAt(0)).toBeUndefined()
    expect(explorer.total).toBeNull()
    await explorer.open(null)
    expect(explorer.status).toBe('ready')
    expect(explorer.rowAt(0)?.rowid).toBe(1)
    expect(explorer.rowAt(ROWS_PAGE_SIZE - 1)?.rowid).toBe(ROWS_PAGE_SIZE)
    expect(explorer.rowAt(ROWS_PAGE_SIZE)).toBeUndefined()
    expect(explorer.total).toBe(450)
    expect(explorer.generation).toBe(1)
    expect(bridge.argsOf('queryDatasetRows')).toEqual([{ datasetId: 3, sort: null, filters: [], after: null, offset: 0, limit: ROWS_PAGE_SIZE, count: true }])
  })

  it('scrolled through 100,000 rows to the end and back holds a few pages at a time, fetching again what it dropped', async () => {
    const bridge = installFakeBridge({ queryDatasetRows: table(100_000) })
    const explorer = new DatasetExplorerState(3)
    await explorer.open(null)
    let most = 0
    const view = 40
    for (let start = 0; start <= 100_000 - view; start += 1_000) {
      explorer.show(start, start + view)
      await settled()
      expect(explorer.rowAt(start)?.rowid).toBe(start + 1)
      most = Math.max(most, explorer.heldRows)
    }
    explorer.show(100_000 - view, 100_000)
    await settled()
    expect(explorer.rowAt(99_999)).toEqual({ rowid: 100_000, values: [100_000] })
    expect(explorer.rowAt(0)).toBeUndefined()
    for (let start = 100_000 - view; start >= 0; start -= 7_919) {
      explorer.show(start, start + view)
      await settled()
      expect(explorer.rowAt(start + view - 1)?.rowid).toBe(start + view)
      most = Math.max(most, explorer.heldRows)
    }
    explorer.show(0, view)
    await settled()
    expect(explorer.rowAt(0)?.rowid).toBe(1)
    expect(most).toBeLessThanOrEqual((2 + 2 * PAGES_KEPT_AROUND) * ROWS_PAGE_SIZE)
    // Only the first answer counted; in the stored order every page starts after a rowid.
    const queries = bridge.argsOf('queryDatasetRows')
    expect(queries.filter((query) => query.count)).toHaveLength(1)
    expect(queries.every((query) => query.offset === 0)).toBe(true)
  })

  it('in a sorted order continues from the page above by its cursor, and jumps by offset where none is held', async () => {
    const bridge = installFakeBridge({ queryDatasetRows: table(5_000) })
    const explorer = new DatasetExplorerState(3)
    explorer.setSort({ column: 0, direction: 'desc' })
    await expect.poll(() => explorer.status).toBe('ready')
    explorer.show(150, 250)
    await settled()
    expect(bridge.argsOf('queryDatasetRows').at(-1)).toMatchObject({ after: { value: 4_801, rowid: 4_801 }, offset: 0, count: false })
    expect(explorer.rowAt(250)?.rowid).toBe(4_750)
    explorer.show(3_000, 3_040)
    await settled()
    expect(bridge.argsOf('queryDatasetRows').at(-1)).toMatchObject({ after: null, offset: 3_000, count: false })
    expect(explorer.rowAt(3_000)?.rowid).toBe(2_000)
    expect(explorer.rowAt(0)).toBeUndefined()
    explorer.show(4_990, 5_000)
    await settled()
    expect(explorer.rowAt(4_999)?.rowid).toBe(1)
  })

  it('drops a page fetched for the old order when the sort changes meanwhile, and starts again from the top', async () => {
    const page = deferred<RowPage>()
    const bridge = installFakeBridge({ queryDatasetRows: table(450) })
    const explorer = new DatasetExplorerState(3)
    await explorer.open(null)
    bridge.handle({ queryDatasetRows: () => page.promise })
    explorer.show(190, 230)
    bridge.handle({ queryDatasetRows: table(450) })
    explorer.setSort({ column: 0, direction: 'desc' })
    await expect.poll(() => explorer.generation).toBe(2)
    // The old order's page arrives after the new order's first page: it must not be kept.
    page.resolve(table(450)({ datasetId: 3, sort: null, filters: [], after: { value: null, rowid: 200 }, offset: 0, limit: ROWS_PAGE_SIZE, count: false }))
    await settled()
    expect(explorer.rowAt(0)?.rowid).toBe(450)
    expect(explorer.rowAt(200)).toBeUndefined()
    expect(bridge.argsOf('queryDatasetRows').at(-1)).toMatchObject({ sort: { column: 0, direction: 'desc' }, after: null, count: true })
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
    await settled()
    expect(explorer.filters).toEqual([])
    expect(explorer.total).toBe(7)
    expect(explorer.rowAt(6)?.rowid).toBe(7)
  })

  it('keeps the rows shown when a new question fails, and reload asks it again', async () => {
    const bridge = installFakeBridge({ queryDatasetRows: table(5) })
    const explorer = new DatasetExplorerState(3)
    await explorer.open(null)
    bridge.handle({ queryDatasetRows: refused })
    explorer.setSort({ column: 0, direction: 'asc' })
    await expect.poll(() => explorer.status).toBe('error')
    expect(explorer.error?.code).toBe('busy')
    expect(explorer.rowAt(4)?.rowid).toBe(5)
    expect(explorer.generation).toBe(1)
    bridge.handle({ queryDatasetRows: table(5) })
    await explorer.reload()
    expect(explorer.status).toBe('ready')
    expect(explorer.error).toBeNull()
    expect(explorer.generation).toBe(2)
  })

  it('a page that fails leaves the others in place and says why; the retry fetches it', async () => {
    const bridge = installFakeBridge({ queryDatasetRows: table(1_000) })
    const explorer = new DatasetExplorerState(3)
    await explorer.open(null)
    bridge.handle({ queryDatasetRows: refused })
    explorer.show(180, 220)
    await settled()
    expect(explorer.pageError?.message).toBe('The archive is busy.')
    expect(explorer.rowAt(180)?.rowid).toBe(181)
    expect(explorer.rowAt(200)).toBeUndefined()
    expect(explorer.status).toBe('ready')
    bridge.handle({ queryDatasetRows: table(1_000) })
    explorer.retryPages()
    await settled()
    expect(explorer.pageError).toBeNull()
    expect(explorer.rowAt(219)?.rowid).toBe(220)
  })

  it('opened at a row deep in the table fetches the page holding it, and any row around it on request', async () => {
    const bridge = installFakeBridge({ queryDatasetRows: table(100_000) })
    const explorer = new DatasetExplorerState(3)
    await explorer.open(54_321)
    expect(bridge.argsOf('queryDatasetRows')).toEqual([{ datasetId: 3, sort: null, filters: [], after: { value: null, rowid: 54_200 }, offset: 0, limit: ROWS_PAGE_SIZE, count: true }])
    expect(explorer.rowAt(54_320)?.rowid).toBe(54_321)
    expect(explorer.total).toBe(100_000)
    explorer.show(54_100, 54_150)
    await settled()
    expect(explorer.rowAt(54_100)?.rowid).toBe(54_101)
  })

  it('asks for a few pages at a time, and does not keep a page the view has left before it came', async () => {
    const answers: { query: RowQuery; answer: ReturnType<typeof deferred<RowPage>> }[] = []
    const bridge = installFakeBridge({ queryDatasetRows: table(100_000) })
    const explorer = new DatasetExplorerState(3)
    await explorer.open(null)
    bridge.handle({
      queryDatasetRows: (query) => {
        const answer = deferred<RowPage>()
        answers.push({ query, answer })
        return answer.promise
      }
    })
    explorer.show(10_000, 12_000)
    expect(answers).toHaveLength(2)
    explorer.show(50_000, 50_040)
    for (const { query, answer } of answers.splice(0)) answer.resolve(table(100_000)(query))
    await settled()
    expect(explorer.rowAt(10_000)).toBeUndefined()
    // The place the view is now is what was asked for next.
    expect(answers.map(({ query }) => query.after?.rowid)).toEqual([50_000])
  })
})
