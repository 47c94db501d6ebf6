// A sum, an average, a minimum and a maximum found in one pass over the rows (chart-pass.ts) must be
// what SQLite's own aggregates answer over the same rows, as the chart's GROUP BY asked them:
// numbers only (text such as a marker, blobs and NULLs are rows but not numbers), integers past 2^53.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { chartPass, mergePassParts, chartPassPart, type ChartPass, type Measure } from '../../../../../src/main/core/charts/chart-pass'
import { numberIn } from '../../../../../src/main/core/datasets/row-filters'
import { cellKeyExpression } from '../../../../../src/main/core/charts/chart-cell-key'

let memory: Database.Database
const MEASURES: Measure[] = ['sum', 'avg', 'min', 'max']

beforeAll(() => {
  memory = new Database(':memory:')
  memory.exec('CREATE TABLE t (a ANY, b ANY, y ANY) STRICT')
  const insert = memory.prepare('INSERT INTO t (a, b, y) VALUES (?, ?, ?)')
  let seed = 3
  const random = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n
  const ys = () => {
    switch (random(9)) {
      case 0:
        return null
      case 1:
        return 'b6'
      case 2:
        return Buffer.from([7])
      case 3:
        return BigInt(random(2000) - 1000)
      case 4:
        return 9007199254740993n + BigInt(random(5))
      case 5:
        return (random(100_000) - 50_000) / 100
      case 6:
        return random(1000) / 7
      default:
        return BigInt(random(100))
    }
  }
  const xs = [1n, 2n, 'Miami', "O'Hare", null, 2.5, '']
  for (let i = 0; i < 6000; i++) insert.run(xs[random(xs.length)], random(4) === 0 ? null : `s${random(3)}`, ys())
  // A cell of text markers only: rows, but no number.
  insert.run('markers', 's0', 'N/A')
  insert.run('markers', 's0', 'b6')
})

afterAll(() => memory.close())

const pass = (measure: Measure | null, series: string | null): ChartPass => ({ table: 't', x: 'a', series, y: measure === null ? null : { column: 'y', measure }, conditions: [], params: [], maxCells: 1000 })
const byKey = <T extends { k: string }>(cells: T[]) => [...cells].sort((p, q) => (p.k < q.k ? -1 : p.k > q.k ? 1 : 0))

function sqlCells(measure: Measure, series: string | null) {
  return memory.prepare(`SELECT ${cellKeyExpression('a', series)} AS k, count(*) AS n, ${measure}(${numberIn('y')}) AS y, count(${numberIn('y')}) AS ny FROM t GROUP BY 1`).all() as { k: string; n: number; y: number | null; ny: number }[]
}

describe('a chart’s measure found in one pass', () => {
  it('answers what SQLite’s sum, avg, min and max answer, with and without a series', () => {
    for (const measure of MEASURES) {
      for (const series of [null, 'b']) expect(byKey(chartPass(memory, pass(measure, series))!), `${measure} by ${series}`).toEqual(byKey(sqlCells(measure, series)))
    }
  })

  it('answers the same when the rows are read in parts and merged, whichever rows each part holds', () => {
    for (const measure of MEASURES) {
      const whole = byKey(chartPass(memory, pass(measure, 'b'))!)
      for (const cut of [1, 2, 1000, 3001, 5999, 6002]) {
        const parts = [chartPassPart(memory, pass(measure, 'b'), [1, cut]), chartPassPart(memory, pass(measure, 'b'), [cut + 1, 10_000])]
        expect(byKey(mergePassParts(parts, pass(measure, 'b'))!), `${measure} cut at ${cut}`).toEqual(whole)
      }
    }
  })

  it('keeps filters, and answers a sum past 2^63 where SQLite stops with “integer overflow”', () => {
    const filtered = { ...pass('sum', null), conditions: ['b = ?'], params: ['s1'] }
    expect(byKey(chartPass(memory, filtered)!)).toEqual(byKey(memory.prepare(`SELECT quote(a) AS k, count(*) AS n, sum(${numberIn('y')}) AS y, count(${numberIn('y')}) AS ny FROM t WHERE b = 's1' GROUP BY 1`).all() as object[] as { k: string }[]))
    const big = new Database(':memory:')
    big.exec('CREATE TABLE t (a ANY, b ANY, y ANY) STRICT')
    big.prepare('INSERT INTO t VALUES (1, NULL, ?), (1, NULL, ?), (1, NULL, 0.5)').run(9223372036854775807n, 9223372036854775807n)
    expect(() => big.prepare('SELECT sum(y) FROM t WHERE typeof(y) = ?').get('integer')).toThrow('integer overflow')
    const cell = (measure: Measure) => chartPass(big, { ...pass(measure, null), conditions: ['typeof(y) = ?'], params: ['integer'] })![0]!.y
    expect(cell('sum')).toBe(2 * 9223372036854775807)
    expect(cell('avg')).toBe(big.prepare("SELECT avg(y) FROM t WHERE typeof(y) = 'integer'").pluck().get())
    // With a real among them SQLite answers a real too.
    expect(chartPass(big, pass('sum', null))![0]!.y).toBe(big.prepare('SELECT sum(y) FROM t').pluck().get())
    big.close()
  })
})
