import { describe, expect, it } from 'vitest'
import { ColumnTyper, VALUE_REAL, VALUE_TEXT } from '../../../../../../src/main/core/import/typing/column-typer'
import { seededRandom } from '../../../../../../src/shared/seeded-random'

function typed(values: (string | null)[]) {
  const typer = new ColumnTyper()
  typer.addColumns(1)
  const stored = values.map((value, index) => {
    typer.startRow(index + 1)
    return typer.convert(0, value)
  })
  const spellings = JSON.parse(typer.takeSpellings() ?? '[]') as [number, number, string][]
  return { stored, type: typer.columnTypes()[0], fixups: typer.fixups(), spellings: spellings.map(([rowid, , text]) => [rowid, text]) }
}

describe('ColumnTyper', () => {
  it('stores canonical numbers as numbers and asks for no fix-up', () => {
    expect(typed(['2005', '-3', null, ''])).toEqual({ stored: [2005n, -3n, null, null], type: 'integer', fixups: [], spellings: [] })
    expect(typed(['1.5', '2', '0.25'])).toEqual({ stored: [1.5, 2n, 0.25], type: 'real', fixups: [], spellings: [] })
  })

  it('stores numbers spelled another way as numbers, remembering each spelling and its row', () => {
    expect(typed(['8.0', '1.50', '+3'])).toEqual({ stored: [8n, 1.5, 3n], type: 'real', fixups: [], spellings: [[1, '8.0'], [2, '1.50'], [3, '+3']] })
    expect(typed(['0.30000000000000004', '1e3', '1e20', '-0'])).toEqual({
      stored: [0.30000000000000004, 1000n, 1e20, 0n],
      type: 'real',
      fixups: [],
      spellings: [[1, '0.30000000000000004'], [2, '1e3'], [3, '1e20'], [4, '-0']]
    })
    expect(typed(['7', '1.50', null, '+3', 'y'])).toEqual({
      stored: [7n, 1.5, null, 3n, 'y'],
      type: 'text',
      fixups: [{ position: 0, numbersBefore: 5 }],
      spellings: [[2, '1.50'], [4, '+3']]
    })
  })

  it('remembers every spelling, however many, and hands each over once', () => {
    const typer = new ColumnTyper()
    typer.addColumns(2)
    const count = 1_100_000
    for (let row = 1; row <= count; row++) {
      typer.startRow(row)
      typer.classify(1, `${row}.50`)
    }
    const spellings = JSON.parse(typer.takeSpellings()!) as [number, number, string][]
    expect(spellings).toHaveLength(count)
    expect(spellings.at(-1)).toEqual([count, 1, `${count}.50`])
    expect(typer.takeSpellings()).toBeNull()
  })

  it('reads a number too big for any number as text', () => {
    expect(typed(['1e400', '12'])).toEqual({ stored: ['1e400', '12'], type: 'text', fixups: [], spellings: [] })
  })

  it('keeps markers such as b6, (b)(6), b7(C), N/A and <5 as text without making a column of numbers text', () => {
    for (const marker of ['b6', 'B6', '(b)(6)', '(b)(7)(C)', 'b7(C)', '(b)(6), (b)(7)(C)', 'b6; b7c', 'N/A', 'n/a', 'NA', '-', '—', '*', '<5', '< 10', 'redacted', 'Withheld', ' b6 ']) {
      expect(typed(['12', marker, '7']), marker).toEqual({ stored: [12n, marker, 7n], type: 'integer', fixups: [], spellings: [] })
    }
    expect(typed(['N/A', 'b6']).type).toBe('text')
    // Census, BLS, EIA, USDA and Statistics Canada codes, and numbers flagged revised, preliminary,
    // estimated or for a footnote (black-box review B25-3).
    for (const marker of ['(W)', 'W', '(N)', 'N', '(B)', '(L)', 'x', 'F', '…', '†', '‡', '(r)', 'r12', '12p', '12 e', '1,234(r)', '12*', '12†', '12¹']) {
      expect(typed(['12', marker, '7']), marker).toEqual({ stored: [12n, marker, 7n], type: 'integer', fixups: [], spellings: [] })
    }
    // Numbers written in a format are values, not markers: they still make the column text.
    for (const value of ['(1,234)', '45%', '$1,234', '1 234', '12x', 'e']) expect(typed(['12', value, '7']).type, value).toBe('text')
    // Anything else is text as before.
    expect(typed(['12', 'B52', '7']).type).toBe('text')
    expect(typed(['12', 'about 5', '7']).type).toBe('text')
  })

  it('keeps a column of dates with markers a column of dates, the markers as written (review R23-32)', () => {
    expect(typed(['2012-05-29', '(b)(6)', '2012-06-07'])).toEqual({ stored: ['2012-05-29', '(b)(6)', '2012-06-07'], type: 'date', fixups: [], spellings: [] })
    expect(typed(['N/A', '2012-05-29', '-', 'Unknown']).type).toBe('date')
    expect(typed(['2012-05-29T10:00:00', 'b6', '2012-05-30']).type).toBe('datetime')
    // A word that is no marker still makes it text.
    expect(typed(['2012-05-29', 'sometime in May']).type).toBe('text')
  })

  it('asks to turn early numbers back into text when a column becomes text', () => {
    expect(typed(['12', '7.25', 'unknown 3', 'x'])).toEqual({ stored: [12n, 7.25, 'unknown 3', 'x'], type: 'text', fixups: [{ position: 0, numbersBefore: 3 }], spellings: [] })
    // Once text, always text: later numbers are stored as text, so the fix-up covers rows 1–3 only.
    expect(typed([null, '5', '6', '2012-05-29', '7']).fixups).toEqual([{ position: 0, numbersBefore: 4 }])
    expect(typed(['08123', '12'])).toEqual({ stored: ['08123', '12'], type: 'text', fixups: [], spellings: [] })
  })

  it('keeps dates as text and treats a column of nothing as text', () => {
    expect(typed(['2012-05-29', '2012-06-07'])).toEqual({ stored: ['2012-05-29', '2012-06-07'], type: 'date', fixups: [], spellings: [] })
    expect(typed([null, ''])).toEqual({ stored: [null, null], type: 'text', fixups: [], spellings: [] })
    // Once a column is dates, each later value still has to be a real day in YYYY-MM-DD.
    expect(typed(['2012-05-29', '2012-02-29', '2000-02-29']).type).toBe('date')
    for (const odd of ['2013-02-29', '1901-02-29', '2012-04-31', '2012-13-01', '2012-00-10', '2012-05-00', '2O12-05-29', '2012-05-2x', '2012/05/29', '2012-05-291']) {
      expect(typed(['2012-05-29', odd]).type, odd).toBe('text')
    }
    // Excel's 1900-02-29, the one day that never was that workbooks show, is kept as written among dates.
    expect(typed(['2012-05-29', '1900-02-29'])).toEqual({ stored: ['2012-05-29', '1900-02-29'], type: 'date', fixups: [], spellings: [] })
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
      const respelled = typer.takeSpellings() !== null
      if (reference(value)) {
        numbers++
        expect([kind, typer.lastNumber, respelled], value).toEqual([VALUE_REAL, Number(value), false])
      } else if (/^-?((0|[1-9][0-9]*)\.[0-9]*|\.[0-9]+)$/.test(value)) {
        // A number, but not spelled as JavaScript would spell it (leading zeros make it an identifier).
        expect([kind === VALUE_TEXT, respelled], value).toEqual([false, true])
      } else expect(kind, value).toBe(VALUE_TEXT)
    }
    expect(numbers).toBeGreaterThan(2_000)
  })
})
