const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

// The date is taken as written, never shifted through a time zone: "2012-06-07T23:30-07:00" was
// published on June 7 where it was published, whatever the UTC date.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/
const SLASHED = /^(\d{4})\/(\d{1,2})\/(\d{1,2})\b/
/** PDF dates: D:YYYYMMDDHHmmSS… (the D: is optional in practice). */
const PDF = /^(?:D:)?(\d{4})(\d{2})(\d{2})/
const MONTH_FIRST = /^(?:[A-Za-z]+,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/
const DAY_FIRST = /^(?:[A-Za-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b/

/** A date in one of the forms pages and PDFs use, as YYYY-MM-DD; null when it is not a real date. */
export function normaliseDate(text: string): string | null {
  const value = text.trim()
  let match = ISO.exec(value) ?? SLASHED.exec(value) ?? PDF.exec(value)
  if (match) return checked(match[1]!, match[2]!, match[3]!)
  match = MONTH_FIRST.exec(value)
  if (match) return checked(match[3]!, monthNumber(match[1]!), match[2]!)
  match = DAY_FIRST.exec(value)
  if (match) return checked(match[3]!, monthNumber(match[2]!), match[1]!)
  return null
}

function monthNumber(name: string): string {
  const index = MONTHS.indexOf(name.slice(0, 3).toLowerCase())
  return index < 0 ? '' : String(index + 1)
}

function checked(year: string, month: string, day: string): string | null {
  const y = Number(year)
  const m = Number(month)
  const d = Number(day)
  if (!m || y < 1000 || m > 12 || d < 1) return null
  // Day 0 of the next month is the last day of this one, leap years included.
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}
