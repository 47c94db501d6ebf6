import { describe, expect, it } from 'vitest'
import type { ColumnType } from '../../../../../src/shared/model'
import { cellValue, widenColumnType } from '../../../../../src/main/core/import/infer-column-type'

function infer(values: string[]): ColumnType | null {
  return values.reduce<ColumnType | null>((type, value) => widenColumnType(type, value), null)
}

describe('column type inference', () => {
  it('recognises integers, reals, dates and datetimes', () => {
    expect(infer(['2005', '-3', '0'])).toBe('integer')
    expect(infer(['2005', '8.0', '1e3'])).toBe('real')
    expect(infer(['2012-05-29', '2012-02-29'])).toBe('date')
    expect(infer(['2012-05-29', '2002-11-30 00:00:00.000'])).toBe('datetime')
    expect(infer(['2012-05-29T10:00:00Z'])).toBe('datetime')
  })

  it('keeps identifiers and anything that would lose information as text', () => {
    expect(infer(['08123', '12345'])).toBe('text')
    expect(infer(['1234567890123456789'])).toBe('text')
    expect(infer(['2013-02-29'])).toBe('text')
    expect(infer(['2012-10'])).toBe('text')
    expect(infer(['12', 'N/A'])).toBe('text')
    expect(infer(['2012-05-29', '41000'])).toBe('text')
  })

  it('ignores empty values, and a column of nothing but empties is left undecided', () => {
    expect(infer(['', '7', ''])).toBe('integer')
    expect(infer(['', ''])).toBeNull()
  })

  it('stores numbers as numbers and empty cells as NULL', () => {
    expect(cellValue('integer', '409849')).toBe(409849)
    expect(cellValue('real', '7.5')).toBe(7.5)
    expect(cellValue('text', '08123')).toBe('08123')
    expect(cellValue('date', '')).toBeNull()
  })
})
