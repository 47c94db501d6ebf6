// Dates in the archive are ISO strings. Calendar dates (publication, data dates) are shown in UTC so
// that 2012-06-07 never becomes 6 June west of Greenwich; timestamps of the user's own edits are
// shown in local time, because that is when the user made them.
//
// Intl's 'en' locale orders dates the American way ("June 7, 2012"); Casefile writes day-month-year
// ("7 June 2012"), which reads unambiguously everywhere. So Intl supplies the month names and the
// order is ours.

type MonthStyle = 'long' | 'short'
type Zone = 'UTC' | 'local'

const monthFormats = new Map<string, Intl.DateTimeFormat>()

function monthName(date: Date, style: MonthStyle, zone: Zone): string {
  const key = `${style}:${zone}`
  let format = monthFormats.get(key)
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en', { month: style, ...(zone === 'UTC' ? { timeZone: 'UTC' } : {}) })
    monthFormats.set(key, format)
  }
  return format.format(date)
}

function dayMonthYear(date: Date, style: MonthStyle, zone: Zone, withYear: boolean): string {
  const day = zone === 'UTC' ? date.getUTCDate() : date.getDate()
  const year = zone === 'UTC' ? date.getUTCFullYear() : date.getFullYear()
  const dayMonth = `${day} ${monthName(date, style, zone)}`
  return withYear ? `${dayMonth} ${year}` : dayMonth
}

function localTime(date: Date): string {
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/
const YEAR_MONTH = /^(\d{4})-(\d{2})$/
const YEAR_ONLY = /^\d{4}$/

function parse(value: string): Date | null {
  const day = DATE_ONLY.exec(value)
  if (day) return new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])))
  const parsed = new Date(value)
  return Number.isNaN(parsed.getTime()) ? null : parsed
}

/** "2012-06-07" → "7 June 2012". Partial dates stay as precise as they are; unreadable text is shown as is. */
export function formatCalendarDate(value: string): string {
  if (YEAR_ONLY.test(value)) return value
  const month = YEAR_MONTH.exec(value)
  if (month) {
    const date = new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1))
    return `${monthName(date, 'long', 'UTC')} ${date.getUTCFullYear()}`
  }
  const date = parse(value)
  return date === null ? value : dayMonthYear(date, 'long', 'UTC', true)
}

/** A compact local time for lists: "14:05" today, "7 Jun" this year, "7 Jun 2012" before. */
export function formatEditedAt(value: string, now: Date): string {
  const date = parse(value)
  if (date === null) return value
  if (date.toDateString() === now.toDateString()) return localTime(date)
  return dayMonthYear(date, 'short', 'local', date.getFullYear() !== now.getFullYear())
}

/** A full local timestamp for headers: "7 June 2012 at 14:05". */
export function formatTimestamp(value: string): string {
  const date = parse(value)
  return date === null ? value : `${dayMonthYear(date, 'long', 'local', true)} at ${localTime(date)}`
}
