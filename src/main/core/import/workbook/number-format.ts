// Which cell formats show a number as a date or a time. Excel stores dates as numbers (days since
// an epoch) and only the cell's number format says that 40983 is 2012-03-15.

/** Built-in formats (ECMA-376 §18.8.30, and the East Asian ones) that show dates or times. */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58])
const BUILT_IN_TIME_ONLY = new Set([18, 19, 20, 21, 45, 46, 47])

export type DateFormat = 'date' | 'datetime' | 'time' | null

/**
 * What a number format shows: a date, a date with a time, a time of day, or (null) a plain number.
 * Quoted text, escaped characters, colours and conditions ([Red], [>100]) are not date codes;
 * elapsed-time brackets ([h]) are a duration, read as a time.
 */
export function dateFormatOf(numFmtId: number, code: string | null): DateFormat {
  if (code === null) return BUILT_IN_DATES.has(numFmtId) ? (BUILT_IN_TIME_ONLY.has(numFmtId) ? 'time' : numFmtId === 22 ? 'datetime' : 'date') : null
  // The first section is the one for positive numbers.
  const section = code.split(';')[0]!
  const bare = section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/_./g, '')
    .replace(/\*./g, '')
    .replace(/\[(h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '')
    .toLowerCase()
  if (/general/.test(bare)) return null
  // "m" is a month unless it stands with hours or seconds (h:mm, mm:ss); AM/PM is not a month.
  const codes = bare.replace(/am\/pm|a\/p/g, '')
  const time = /[hs]/.test(codes)
  if (/[dy]/.test(codes)) return time ? 'datetime' : 'date'
  if (time) return 'time'
  return /m/.test(codes) ? 'date' : null
}

/** Day 0 of each date system, as days since 1970-01-01: 1899-12-30 (once Excel's fictional 1900-02-29 is stepped over) and 1904-01-01. */
const EPOCH_1900 = -25_569
const EPOCH_1904 = -24_107

/**
 * A serial date as ISO text: YYYY-MM-DD for a date, YYYY-MM-DDTHH:MM:SS for a date with a time,
 * HH:MM:SS for a time. In the 1900 system day 60 is Excel's 1900-02-29, a day that never was (kept
 * from Lotus 1-2-3); it is written as such, and days before it are one day later than a plain count.
 * Null for a serial no calendar can show (negative, or past year 9999).
 */
export function serialDateText(serial: number, format: Exclude<DateFormat, null>, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2_958_465.999_99) return null
  let whole = Math.floor(serial)
  let seconds = Math.round((serial - whole) * 86_400)
  if (seconds === 86_400) {
    whole++
    seconds = 0
  }
  const time = `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`
  if (format === 'time') return whole === 0 || serial < 1 ? time : `${dayText(whole, date1904)}T${time}`
  const day = dayText(whole, date1904)
  return format === 'date' && seconds === 0 ? day : `${day}T${time}`
}

/** Recently converted days: a date column repeats its days, and this runs once a cell. */
const dayTexts = new Map<number, string>()
const MAX_CACHED_DAYS = 100_000

function dayText(whole: number, date1904: boolean): string {
  if (!date1904 && whole === 60) return '1900-02-29'
  const days = (date1904 ? EPOCH_1904 + whole : EPOCH_1900 + (whole < 60 ? whole + 1 : whole))
  let text = dayTexts.get(days)
  if (text === undefined) {
    if (dayTexts.size >= MAX_CACHED_DAYS) dayTexts.clear()
    text = civilDate(days)
    dayTexts.set(days, text)
  }
  return text
}

/** Days since 1970-01-01 as YYYY-MM-DD in the proleptic Gregorian calendar (years 0–9999), without a Date. */
function civilDate(days: number): string {
  // Howard Hinnant's days-to-civil: eras of 400 years, counted from 0000-03-01.
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const dayOfEra = z - era * 146_097
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365)
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const shifted = Math.floor((5 * dayOfYear + 2) / 153)
  const day = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1
  const month = shifted < 10 ? shifted + 3 : shifted - 9
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`
}

function two(value: number): string {
  return value < 10 ? `0${value}` : String(value)
}
