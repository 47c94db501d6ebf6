import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { CellValue } from '../../../../../src/shared/model'
import { cellKeyExpression, compareCellValues, parseCellKey } from '../../../../../src/main/core/charts/chart-cell-key'

// Keys are written by SQLite's own quote(), so every case goes through a real connection.
const db = new Database(':memory:')
const keyOf = (x: CellValue, g: CellValue) => db.prepare(`SELECT ${cellKeyExpression('?', '?')}`).pluck().get(x, g) as string

const VALUES: CellValue[] = [null, 'NULL', '', "'", "''", ',', "a','b", 'it\'s, "quoted"', '😀', 'ÿ\u0000?', 0, -0.5, 1e300, 5e-324, 2 ** 53, 779.27892536282, 0.1 + 0.2, -17, '5', '1.50']

describe('chart cell keys', () => {
  it('read back every x and series value exactly, with its type', () => {
    for (const x of VALUES) {
      for (const g of VALUES) {
        const key = keyOf(x, g)
        const parsed = parseCellKey(key, true)
        // SQLite text stops at a NUL only in quote()'s output, so compare what SQLite itself holds.
        const stored = db.prepare('SELECT ? AS x, ? AS g').get(x, g) as { x: CellValue; g: CellValue }
        expect(parsed, key).toEqual({ x: typeof stored.x === 'string' ? stored.x.split('\u0000')[0] : stored.x, g: typeof stored.g === 'string' ? stored.g.split('\u0000')[0] : stored.g })
      }
    }
  })

  it('reads a key without a series', () => {
    const key = db.prepare(`SELECT ${cellKeyExpression('?', null)}`).pluck().get("FY'12") as string
    expect(parseCellKey(key, false)).toEqual({ x: "FY'12", g: null })
  })

  it('orders values as SQLite does', () => {
    const sorted = db
      .prepare(`SELECT value FROM json_each(?) ORDER BY CASE type WHEN 'null' THEN NULL ELSE value END`)
      .pluck()
      .all(JSON.stringify(['b', 10, null, 'B', 9.5, '😀', '\uFFFD', 'a', -1])) as CellValue[]
    const ours = [...sorted].reverse().sort(compareCellValues)
    expect(ours).toEqual(sorted)
  })
})
