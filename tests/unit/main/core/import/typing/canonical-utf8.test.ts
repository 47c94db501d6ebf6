// ColumnTyper answers most values from their UTF-8 bytes (classifyUtf8). Whenever it does, the
// answer must be the one `classify` gives the decoded text, for every column type it can be in.
import { describe, expect, it } from 'vitest'
import { isCanonicalIntegerUtf8, isCanonicalRealUtf8, isIsoDateUtf8 } from '../../../../../../src/main/core/import/typing/canonical-utf8'
import { ColumnTyper, VALUE_INTEGER, VALUE_REAL, VALUE_UNDECIDED } from '../../../../../../src/main/core/import/typing/column-typer'
import { seededRandom } from '../../../../../../src/shared/seeded-random'

const EDGES = [
  '0', '-0', '00', '01', '-01', '7', '-7', '123456789012345', '1234567890123456', '-123456789012345', '1.5', '1.50', '0.5', '00.5',
  '-0.5', '.5', '5.', '0.000001', '0.0000001', '0.0000012345', '123456789.012345', '1234567890.123456', '1e3', '+3', '--1', '1-',
  '2012-06-15', '2012-02-29', '2011-02-29', '2000-02-29', '1900-02-29', '2012-13-01', '2012-00-10', '2012-04-31', '2012-04-30',
  '2012-06-15T08:30', '20120615', '2012/06/15', '2012-6-15', 'x012-06-15', '2012-06-1x', 'text', ' 1', '1 ', '１',
  // Padded with zeros after the point.
  '2954.50', '2954.00', '0.0', '0.00', '-0.0', '1500.0', '1500.00', '-12.50', '100.10', '.50', '12.', '0.00000010', '0.0000010',
  '-0.50', '00.50', '123456789012345.0', '1234567890123456.0', '12345678901234.50', '123456789012345.60', '1e30', '1.0e3'
]

function randomValues(count: number): string[] {
  const random = seededRandom(42)
  const alphabet = '0123456789-.+e:T /x'
  return Array.from({ length: count }, () => {
    const length = 1 + Math.floor(random() * 14)
    return Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('')
  })
}

/** Whether YYYY-MM-DD names a day of the (proleptic Gregorian) calendar, by way of Date. */
function isRealDay(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number]
  const date = new Date(0)
  // setUTCFullYear, not Date.UTC, which reads years below 100 as 19xx.
  date.setUTCFullYear(year, month - 1, day)
  return month >= 1 && month <= 12 && date.getUTCDate() === day && date.getUTCMonth() === month - 1
}

/** A typer whose one column has settled on the type `seed` gives it. */
function typerTypedBy(seed: string | null): ColumnTyper {
  const typer = new ColumnTyper()
  typer.addColumns(1)
  typer.startRow(1)
  if (seed !== null) typer.classify(0, seed)
  return typer
}

describe('ColumnTyper.classifyUtf8', () => {
  const values = [...EDGES, ...randomValues(10_000)]

  it.each([
    ['no type yet', null],
    ['integer', '5'],
    ['real', '2.5'],
    ['date', '2012-06-15'],
    ['datetime', '2012-06-15T08:30'],
    ['text', 'words']
  ])('answers as classify does, when it answers, in a column typed %s', (_, seed) => {
    let decided = 0
    for (const value of values) {
      const bytes = Buffer.from(value, 'utf8')
      const fromBytes = typerTypedBy(seed)
      const fromText = typerTypedBy(seed)
      const kind = fromBytes.classifyUtf8(0, bytes, 0, bytes.length)
      const expected = fromText.classify(0, value)
      if (kind === VALUE_UNDECIDED) continue
      decided++
      expect(kind, value).toBe(expected)
      // A number is stored as its bytes up to lastNumberEnd: the text JavaScript gives classify's number.
      if (kind === VALUE_INTEGER || kind === VALUE_REAL) expect(bytes.toString('latin1', 0, fromBytes.lastNumberEnd), value).toBe(String(fromText.lastNumber))
      // The same bookkeeping: the same type, spellings remembered and fix-ups at the end.
      expect(fromBytes.columnTypes(), value).toEqual(fromText.columnTypes())
      expect(fromBytes.takeSpellings(), value).toBe(fromText.takeSpellings())
      expect(fromBytes.fixups(), value).toEqual(fromText.fixups())
    }
    if (seed !== null && seed !== 'words' && seed !== '2012-06-15T08:30') expect(decided).toBeGreaterThan(0)
  })

  it('answers numbers padded with zeros after the point in a column of reals, keeping their spellings', () => {
    const typer = typerTypedBy('2.5')
    const answers = ['2954.50', '2954.00', '0.0', '-12.50', '1500.0'].map((value) => {
      const bytes = Buffer.from(`,${value},`, 'utf8')
      const kind = typer.classifyUtf8(0, bytes, 1, bytes.length - 1)
      return [kind, kind === VALUE_UNDECIDED ? null : bytes.toString('latin1', 1, typer.lastNumberEnd)]
    })
    expect(answers).toEqual([[VALUE_REAL, '2954.5'], [VALUE_INTEGER, '2954'], [VALUE_INTEGER, '0'], [VALUE_REAL, '-12.5'], [VALUE_INTEGER, '1500']])
    expect(JSON.parse(typer.takeSpellings()!)).toEqual([[1, 0, '2954.50'], [1, 0, '2954.00'], [1, 0, '0.0'], [1, 0, '-12.50'], [1, 0, '1500.0']])
  })

  it('accepts exactly the canonical spellings, read from the middle of a buffer', () => {
    const at = (value: string) => {
      const bytes = Buffer.from(`,${value},`, 'utf8')
      return [bytes, 1, bytes.length - 1] as const
    }
    for (const value of values) {
      const integer = /^-?(0|[1-9][0-9]{0,14})$/.test(value) && value !== '-0'
      expect(isCanonicalIntegerUtf8(...at(value)), value).toBe(integer)
      // At most 15 significant digits, and spelled back unchanged by JavaScript (so no exponent form).
      const significant = value.replace(/^-?0*\.?0*/, '').replace('.', '').length
      const real = /^-?(0|[1-9][0-9]*)\.[0-9]*[1-9]$/.test(value) && significant <= 15 && String(Number(value)) === value
      expect(isCanonicalRealUtf8(...at(value)), value).toBe(real)
      const date = /^\d{4}-\d{2}-\d{2}$/.test(value) && isRealDay(value)
      expect(isIsoDateUtf8(...at(value)), value).toBe(date)
    }
  })
})
