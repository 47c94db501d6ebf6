import { describe, expect, it } from 'vitest'
import { ColumnTyper, VALUE_REAL, VALUE_TEXT } from '../../../src/main/core/import/typing/column-typer'
import { forEachRespelling, RespellingsBuilder } from '../../../src/main/core/import/typing/respellings'
import { seededRandom } from '../../../src/shared/seeded-random'

function typed(values: (string | null)[], typer = new ColumnTyper()) {
  typer.addColumns(1)
  const stored = values.map((value, index) => {
    typer.startRow(index + 1)
    return typer.convert(0, value)
  })
  // Respellings are packed; unpacked here so the expectations read as rowids and texts.
  const fixups = typer.fixups().map((fixup) => {
    if (fixup.to !== 'text' || fixup.respell === null) return fixup
    const rowids: number[] = []
    const texts: string[] = []
    forEachRespelling(fixup.respell, (rowid, text) => {
      rowids.push(rowid)
      texts.push(text)
    })
    return { ...fixup, respell: { rowids, texts } }
  })
  return { stored, type: typer.columnTypes()[0], fixups }
}

describe('ColumnTyper', () => {
  it('stores canonical numbers as numbers and asks for no fix-up', () => {
    expect(typed(['2005', '-3', null, ''])).toEqual({ stored: [2005n, -3n, null, null], type: 'integer', fixups: [] })
    expect(typed(['1.5', '2', '0.25'])).toEqual({ stored: [1.5, 2n, 0.25], type: 'real', fixups: [] })
  })

  it('stores numbers spelled another way as numbers, remembering each spelling and its row', () => {
    expect(typed(['8.0', '1.50', '+3'])).toEqual({ stored: [8n, 1.5, 3n], type: 'real', fixups: [] })
    expect(typed(['0.30000000000000004', '1e3'])).toEqual({ stored: [0.30000000000000004, 1000n], type: 'real', fixups: [] })
    expect(typed(['7', '1.50', null, '+3', 'x'])).toEqual({
      stored: [7n, 1.5, null, 3n, 'x'],
      type: 'text',
      fixups: [{ position: 0, to: 'text', respell: { rowids: [2, 4], texts: ['1.50', '+3'] }, numbersBefore: 5 }]
    })
  })

  it('stores spellings as text once it has remembered enough, or when the number is too big to keep', () => {
    expect(typed(['1.50', '+3', '2.0'], new ColumnTyper(2))).toEqual({ stored: [1.5, 3n, '2.0'], type: 'real', fixups: [{ position: 0, to: 'real' }] })
    expect(typed(['1e400', '12'])).toEqual({ stored: ['1e400', 12n], type: 'real', fixups: [{ position: 0, to: 'real' }] })
  })

  it('asks to turn early numbers back into text when a column becomes text', () => {
    expect(typed(['12', '7.25', 'N/A', 'x'])).toEqual({ stored: [12n, 7.25, 'N/A', 'x'], type: 'text', fixups: [{ position: 0, to: 'text', respell: null, numbersBefore: 3 }] })
    // Once text, always text: later numbers are stored as text, so the fix-up covers rows 1–3 only.
    expect(typed([null, '5', '6', '2012-05-29', '7']).fixups).toEqual([{ position: 0, to: 'text', respell: null, numbersBefore: 4 }])
    expect(typed(['08123', '12'])).toEqual({ stored: ['08123', '12'], type: 'text', fixups: [] })
  })

  it('keeps dates as text and treats a column of nothing as text', () => {
    expect(typed(['2012-05-29', '2012-06-07'])).toEqual({ stored: ['2012-05-29', '2012-06-07'], type: 'date', fixups: [] })
    expect(typed([null, ''])).toEqual({ stored: [null, null], type: 'text', fixups: [] })
    // Once a column is dates, each later value still has to be a real day in YYYY-MM-DD.
    expect(typed(['2012-05-29', '2012-02-29', '2000-02-29']).type).toBe('date')
    for (const odd of ['2013-02-29', '1900-02-29', '2012-04-31', '2012-13-01', '2012-00-10', '2012-05-00', '2O12-05-29', '2012-05-2x', '2012/05/29', '2012-05-291']) {
      expect(typed(['2012-05-29', odd]).type, odd).toBe('text')
    }
  })

  it('remembers the spelling of a real exactly when JavaScript would not spell it back unchanged (20,000 generated reals)', () => {
    // The reference is the slow definition; the typer answers from a character scan.
    const reference = (value: string) =>
      /^-?(0|[1-9][0-9]*)\.[0-9]*[1-9]$/.test(value) &&
      value.replace(/^-?0*\.?0*/, '').replace('.', '').length <= 15 &&
      String(Number(value)) === value
    const next = seededRandom(20120529)
    const random = (n: number) => Math.floor(next() * n)
    const digits = (n: number) => Array.from({ length: n }, () => String(random(10))).join('')
    let numbers = 0
    for (let i = 0; i < 20_000; i++) {
      const integer = random(4) === 0 ? '0' : digits(random(18))
      const fraction = '0'.repeat(random(3) === 0 ? random(9) : 0) + digits(random(18)) + '0'.repeat(random(4) === 0 ? 1 : 0)
      const value = `${random(3) === 0 ? '-' : ''}${integer}.${fraction}`
      const typer = new ColumnTyper()
      typer.addColumns(1)
      typer.classify(0, '1.5')
      typer.startRow(2)
      const kind = typer.classify(0, value)
      typer.startRow(3)
      typer.classify(0, 'not a number')
      const fixup = typer.fixups()[0]
      const respelled = fixup?.to === 'text' && fixup.respell !== null
      if (reference(value)) {
        numbers++
        expect([kind, typer.lastNumber, respelled], value).toEqual([VALUE_REAL, Number(value), false])
      } else if (/^-?((0|[1-9][0-9]*)\.[0-9]*|\.[0-9]+)$/.test(value) && Math.abs(Number(value)) < Number.MAX_SAFE_INTEGER) {
        // A number, but not spelled as JavaScript would spell it (leading zeros make it an identifier).
        expect([kind === VALUE_TEXT, respelled], value).toEqual([false, true])
      } else expect(kind, value).toBe(VALUE_TEXT)
    }
    expect(numbers).toBeGreaterThan(2_000)
  })

  it('packs many spellings, past every growth and join step, and gives each back with its rowid', () => {
    const builder = new RespellingsBuilder()
    const spelled = (i: number) => (i % 3 === 0 ? `${i}.50` : i % 3 === 1 ? `+${i}` : `${i}.0e0`)
    for (let i = 0; i < 10_000; i++) builder.add(i * 7 + 1, spelled(i))
    const packed = builder.build()
    expect([packed.count, packed.rowids.length, packed.ends.length]).toEqual([10_000, 10_000, 10_000])
    let i = 0
    forEachRespelling(packed, (rowid, text) => {
      expect([rowid, text]).toEqual([i * 7 + 1, spelled(i)])
      i++
    })
    expect(i).toBe(10_000)
  })
})
