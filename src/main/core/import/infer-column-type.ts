import type { ColumnType } from '@shared/model'
import { isCalendarDay } from './typing/canonical-utf8'

// Integers with a leading zero (ZIP codes, A-numbers) or more digits than a double holds exactly
// are identifiers, not numbers: they stay text so nothing is lost.
const INTEGER = /^[+-]?(0|[1-9][0-9]{0,14})$/
const REAL = /^[+-]?(0|[1-9][0-9]*)?\.[0-9]+([eE][+-]?[0-9]+)?$|^[+-]?(0|[1-9][0-9]*)[eE][+-]?[0-9]+$|^[+-]?(0|[1-9][0-9]*)\.[0-9]*$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(:(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/

/**
 * A day of the calendar, or Excel's 1900-02-29: the day its 1900 date system counts (serial 60, kept
 * from Lotus 1-2-3) that never was. Workbooks show it among real dates and CSV files saved from them
 * hold it; it is kept as written and sorts between 1900-02-28 and 1900-03-01, so it leaves a column
 * of dates a date column instead of making it text.
 */
function isRealDate(year: string, month: string, day: string): boolean {
  return isCalendarDay(Number(year), Number(month), Number(day)) || (year === '1900' && month === '02' && day === '29')
}

function valueType(value: string): ColumnType {
  if (INTEGER.test(value)) return 'integer'
  // 1e400 reads as Infinity: no number can hold it, so it is text.
  if (REAL.test(value)) return Number.isFinite(Number(value)) ? 'real' : 'text'
  let match = DATE.exec(value)
  if (match && isRealDate(match[1]!, match[2]!, match[3]!)) return 'date'
  match = DATETIME.exec(value)
  if (match && isRealDate(match[1]!, match[2]!, match[3]!) && Number(match[4]) < 24 && Number(match[5]) < 60) {
    return 'datetime'
  }
  return 'text'
}

/** Folds one more value into a column's type; empty values say nothing about the type. */
export function widenColumnType(current: ColumnType | null, value: string): ColumnType | null {
  if (value === '') return current
  if (current === 'text') return 'text'
  const next = valueType(value)
  if (current === null || current === next) return next
  if ((current === 'integer' && next === 'real') || (current === 'real' && next === 'integer')) return 'real'
  if ((current === 'date' && next === 'datetime') || (current === 'datetime' && next === 'date')) return 'datetime'
  return 'text'
}

/** A stored value for a cell of a column of `type`: numbers for numeric columns, text otherwise, null for empty. */
export function cellValue(type: ColumnType, value: string): string | number | null {
  if (value === '') return null
  if (type === 'integer' || type === 'real') return Number(value)
  return value
}
