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

/**
 * How a cell format shows a number, where that is not the number as stored: a percent (kept as the
 * fraction stored, and said); a date or time; an
 * elapsed time ("[h]:mm" shows 1.5208333 as 36:30); or digits padded with zeros ("00000" shows 501
 * as 00501, a ZIP or FIPS code). Null for a number shown as a number.
 */
export type CellFormat = { date: Exclude<DateFormat, null> } | { duration: string } | { days: string } | { digits: string } | { percent: string } | { scientific: string } | ShownInstead | null

/**
 * A format some of whose sections show no number: a word written in them instead ("Withheld",
 * "neg" for negatives, "<10" under 10) or nothing (;;;, the empty zero section of 0;-0;;@), as
 * FOIA releases withhold cells. `otherwise` is how the format shows the values its other sections
 * show (see cellFormatOf).
 */
export interface ShownInstead {
  /** By section (positive, negative, zero, text): the word it shows ('' for nothing), or null where it shows the value. */
  words: (string | null)[]
  /** Each section's condition ([<10]), or null. */
  conditions: (((value: number) => boolean) | null)[]
  otherwise: Exclude<CellFormat, ShownInstead>
}

/** Built-in formats of elapsed time (ECMA-376 §18.8.30): 46 is [h]:mm:ss. */
const BUILT_IN_DURATIONS: Record<number, string> = { 46: '[h]:mm:ss' }
/** Built-in percent formats (ECMA-376 §18.8.30). */
const BUILT_IN_PERCENTS: Record<number, string> = { 9: '0%', 10: '0.00%' }
/** Built-in scientific formats (ECMA-376 §18.8.30): exceljs writes 0.00E+00 as id 11 with no code. */
const BUILT_IN_SCIENTIFIC: Record<number, string> = { 11: '0.00E+00', 48: '##0.0E+0' }

export function cellFormatOf(numFmtId: number, code: string | null): CellFormat {
  const otherwise = valueFormatOf(numFmtId, code)
  // An empty code is no format at all (General), not one that hides everything.
  if (code === null || code.trim() === '') return otherwise
  const sections = formatSections(code)
  const words = sections.slice(0, 4).map(sectionWord)
  if (words.every((word) => word === null)) return otherwise
  return { words, conditions: sections.slice(0, 2).map(conditionOf), otherwise }
}

function valueFormatOf(numFmtId: number, code: string | null): Exclude<CellFormat, ShownInstead> {
  const section = (code ?? BUILT_IN_DURATIONS[numFmtId] ?? BUILT_IN_PERCENTS[numFmtId] ?? BUILT_IN_SCIENTIFIC[numFmtId] ?? '').split(';')[0]!
  if (/\[(h+|m+|s+)\]/i.test(section.replace(/"[^"]*"/g, ''))) return { duration: section }
  // A % outside quotes and escapes: the sheet shows the number times 100 ("0.0%" shows 0.456 as 45.6%).
  if (/%/.test(section.replace(/"[^"]*"|\\./g, ''))) return { percent: section }
  if (code !== null && isDigitsFormat(code)) return { digits: code }
  // An exponent outside quotes and escapes (0.00E+00): the sheet shows a number, however many digits it has.
  if (/[0#?][Ee][+-][0#?]/.test(section.replace(/"[^"]*"|\\./g, ''))) return { scientific: section }
  const days = code === null ? null : dayCountDuration(section)
  if (days !== null) return { days }
  const date = dateFormatOf(numFmtId, code)
  return date === null ? null : { date }
}

/**
 * A format that counts days and hours, with no month or year (d "days" h:mm, d:hh:mm), as the
 * elapsed-time format of its hours ([h]:mm, [hh]:mm): what it shows of a serial of the first year is
 * a day of January 1900 (Excel's 1.5 is "1 days 12:00", LibreOffice's "31 days 12:00"), where the
 * cell holds a duration; null for any other format.
 */
function dayCountDuration(section: string): string | null {
  const codes = section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .toLowerCase()
    .replace(/am\/pm|a\/p/g, '')
  // Minutes are the m that follow hours or come before seconds; any other m is a month.
  const withoutMinutes = codes.replace(/(h+\s*:\s*)m+/g, '$1').replace(/m+(\s*:\s*s)/g, '$1')
  if (!/d/.test(codes) || !/h/.test(codes) || /[ym]/.test(withoutMinutes)) return null
  for (let at = 0; at < section.length; at++) {
    const char = section[at]!
    if (char === '"') at = section.indexOf('"', at + 1) < 0 ? section.length : section.indexOf('"', at + 1)
    else if (char === '\\' || char === '_' || char === '*') at++
    else if (char === 'h' || char === 'H') {
      let end = at
      while (section[end] === char) end++
      return `[${section.slice(at, end)}]${section.slice(end)}`
    }
  }
  return null
}

/** The sections of a format, split at semicolons outside quotes and escapes. */
function formatSections(code: string): string[] {
  const sections: string[] = []
  let start = 0
  let quoted = false
  for (let at = 0; at < code.length; at++) {
    const char = code[at]
    if (char === '"') quoted = !quoted
    else if (char === '\\' && !quoted) at++
    else if (char === ';' && !quoted) {
      sections.push(code.slice(start, at))
      start = at + 1
    }
  }
  sections.push(code.slice(start))
  return sections
}

/** What a section shows that holds no placeholder of the value: its words, trimmed ('' for none); null for a section that shows the value. */
function sectionWord(section: string): string | null {
  const tokens = formatTokens(section)
  return tokens.some((token) => token.kind === 'code') ? null : tokens.map((token) => token.code).join('').trim()
}

/**
 * What a format shows in place of the number `value`: a word ('' for nothing), or null when the
 * section that shows `value` shows it (Excel's rule: one section for all numbers; two for the
 * positive and zero, then the negative; three for the positive, the negative, zero; a condition
 * ([<10]) on the first or second section picks the first that holds). Null for a zero under a
 * zero section too: whatever it writes, the value is known to be 0.
 */
export function shownInstead(format: CellFormat, value: number): string | null {
  if (format === null || !('words' in format)) return null
  const { words, conditions } = format
  const numbers = Math.min(words.length, 3)
  let section: number
  if (conditions[0] !== null) section = conditions[0]!(value) ? 0 : conditions[1] !== null && conditions[1] !== undefined ? (conditions[1](value) ? 1 : 2) : 1
  // A zero section is how the sheet writes zero (blank, "-" in accounting formats): it withholds nothing, and the zero stays.
  else if (value === 0 && numbers >= 3) return null
  else section = value < 0 && numbers >= 2 ? 1 : 0
  return section < numbers ? (words[section] ?? null) : null
}

/** What a format shows in place of a text: the word of its fourth section ('' for nothing) when that shows no text (;;;), else null. */
export function textShownInstead(format: CellFormat): string | null {
  return format !== null && 'words' in format ? (format.words[3] ?? null) : null
}

/** How a format shows the values it shows (its sections that show no value left aside): see CellFormat. */
export function valueFormat(format: CellFormat): Exclude<CellFormat, ShownInstead> {
  return format !== null && 'words' in format ? format.otherwise : format
}

/**
 * A number as its format shows it: a date (see serialDateText), a duration or padded digits; null
 * when the format shows it as the number it is, or when it cannot be shown (a negative date).
 */
export function formattedNumber(value: number, format: Exclude<CellFormat, null>, date1904: boolean): string | null {
  if ('words' in format) return format.otherwise === null ? null : formattedNumber(value, format.otherwise, date1904)
  if ('date' in format) return serialDateText(value, format.date, date1904)
  if ('duration' in format) return durationText(value, format.duration)
  // A count of days and hours of the first year is the duration it holds; a later serial is a day and its time.
  if ('days' in format) return Math.abs(value) < ELAPSED_TIME_DAYS ? durationText(value, format.days) : serialDateText(value, 'datetime', date1904)
  // A percent is kept as the number stored (a fraction); the column's provenance says so.
  if ('percent' in format) return null
  if ('scientific' in format) return scientificNumberText(value)
  return paddedDigits(value, format.digits)
}

/**
 * A number spelled the same whichever file format held it: rounded to the 15 significant digits
 * spreadsheets show and compute with (an .xls holds the double 0.30000000000000004 for =0.1+0.2,
 * where LibreOffice's .xlsx and .ods write 0.3), in JavaScript's shortest spelling of that (1.5e-7,
 * where LibreOffice's .xlsx writes 1.5E-007). What a column of text keeps of a number cell.
 */
export function sheetNumberText(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(15))) : String(value)
}

/**
 * A number a format shows with an exponent (0.00E+00), spelled so that it reads as the number it is:
 * the number the cell holds (not its rounded shown form), with an exponent where sheetNumberText
 * would spell it as a whole number of more than 15 digits (1.2E+20 as 120000000000000000000), which
 * a column reads as an identifier and keeps as text. Null where sheetNumberText's spelling is a
 * number already (0.000012, -3.5e-9).
 */
export function scientificNumberText(value: number): string | null {
  if (!Number.isFinite(value)) return null
  const spelled = sheetNumberText(value)
  return /^-?\d{16,}$/.test(spelled) ? Number(spelled).toExponential() : null
}

/**
 * A number as a workbook file writes it (an .xlsx's <v>, an .ods's office:value), spelled as
 * sheetNumberText spells it; but a whole number written in digits is kept as written: its digits
 * past 15 (an id a program wrote as a number) are the file's, not a double's noise. Text that is no
 * number, or none a double can hold, stays as written.
 */
export function writtenNumberText(written: string): string {
  if (/^-?(0|[1-9]\d*)$/.test(written)) return written
  const number = Number(written)
  // 1E+400 is no number a double holds: it stays as written (and its column text).
  return Number.isFinite(number) ? sheetNumberText(number) : written
}

/** A format's tokens: text it shows as written, codes (placeholders), and what shows nothing ([Red], [$-409], *x). */
interface FormatToken {
  code: string
  kind: 'literal' | 'code' | 'none'
}

function formatTokens(section: string): FormatToken[] {
  const tokens: FormatToken[] = []
  for (const match of section.matchAll(/"([^"]*)"|\\(.)|_(.)|\*(.)|\[[^\]]*\]|\.0+|([a-z0-9])\5*|(.)/gi)) {
    if (match[1] !== undefined || match[2] !== undefined) tokens.push({ code: match[1] ?? match[2]!, kind: 'literal' })
    // _x leaves the room of an x (a space here); *x repeats x to fill the cell (nothing here).
    else if (match[3] !== undefined) tokens.push({ code: ' ', kind: 'literal' })
    else if (match[4] !== undefined) tokens.push({ code: '', kind: 'none' })
    else if (match[0].startsWith('[') && !/^\[(h+|m+|s+)\]$/i.test(match[0])) tokens.push({ code: '', kind: 'none' })
    else tokens.push({ code: match[0], kind: match[6] !== undefined && /[\s\-:/()]/.test(match[6]) ? 'literal' : 'code' })
  }
  return tokens
}

/** A section's condition ("[<=99999]" in the ZIP+4 format), or null. */
function conditionOf(section: string): ((value: number) => boolean) | null {
  const match = /^\s*\[(<=|>=|<>|<|>|=)\s*(-?\d+(?:\.\d+)?)\]/.exec(section)
  if (match === null) return null
  const bound = Number(match[2])
  const tests: Record<string, (value: number) => boolean> = {
    '<=': (v) => v <= bound,
    '>=': (v) => v >= bound,
    '<>': (v) => v !== bound,
    '<': (v) => v < bound,
    '>': (v) => v > bound,
    '=': (v) => v === bound
  }
  return tests[match[1]!]!
}

/** The zero placeholders of a format section of zero-padded digits and separators ("00000", "000-00-0000"); null for any other. */
function digitPlaces(section: string): number | null {
  let places = 0
  for (const token of formatTokens(section)) {
    if (token.kind !== 'code') continue
    if (!/^0+$/.test(token.code)) return null
    places += token.code.length
  }
  return places >= 2 ? places : null
}

/** Whether every section of a format that shows numbers is zero-padded digits ("00000", "[<=99999]00000;00000-0000"). */
function isDigitsFormat(code: string): boolean {
  const sections = code.split(';').slice(0, 3)
  return digitPlaces(sections[0]!) !== null && sections.slice(1).every((section) => section === '' || digitPlaces(section) !== null)
}

/** The section of a format that shows `value`, and whether a minus sign must be written before it (Excel's rules, for two sections). */
function sectionFor(code: string, value: number): { section: string; minus: boolean } {
  const sections = code.split(';')
  const first = sections[0]!
  const second = sections[1] ?? ''
  const condition = conditionOf(first)
  if (condition !== null) return condition(value) || second === '' ? { section: first, minus: false } : { section: second, minus: false }
  if (value < 0 && second !== '') return { section: second, minus: false }
  return { section: first, minus: value < 0 }
}

function paddedDigits(value: number, code: string): string | null {
  const { section, minus } = sectionFor(code, value)
  const places = digitPlaces(section)
  const rounded = Math.round(Math.abs(value))
  if (places === null || !Number.isFinite(value) || rounded >= 1e15) return null
  const digits = String(rounded).padStart(places, '0')
  // Digits beyond the placeholders go in front of the first, as Excel shows them.
  let extra = digits.length - places
  let next = 0
  let text = minus && rounded !== 0 ? '-' : ''
  for (const token of formatTokens(section)) {
    if (token.kind !== 'code') {
      text += token.code
      continue
    }
    const end = next + token.code.length + extra
    text += digits.slice(next, end)
    next = end
    extra = 0
  }
  return text
}

const SECONDS_IN = { h: 3600, m: 60, s: 1 } as const

/**
 * Elapsed time as an "[h]:mm:ss"-like format shows it: the bracketed unit counts on past a day (or
 * an hour, a minute), the units after it are what is left of it; seconds may show tenths and more.
 */
function durationText(value: number, section: string): string | null {
  if (!Number.isFinite(value) || Math.abs(value) > 1e9) return null
  const tokens = formatTokens(section)
  const fraction = tokens.find((token) => /^\.0+$/.test(token.code))
  const decimals = fraction === undefined ? 0 : Math.min(3, fraction.code.length - 1)
  const scale = 10 ** decimals
  // Excel counts whole seconds (or their shown fraction) first, then cuts them into the units shown.
  let left = Math.round(Math.abs(value) * 86_400 * scale)
  let text = value < 0 && left !== 0 ? '-' : ''
  for (const token of tokens) {
    const code = token.code.toLowerCase()
    const bracketed = /^\[(h+|m+|s+)\]$/.exec(code)
    const unit = bracketed !== null ? bracketed[1]![0]! : /^(h+|m+|s+)$/.test(code) ? code[0]! : null
    if (token.kind !== 'code' || (unit === null && !/^\.0+$/.test(code))) {
      text += token.code
      continue
    }
    if (unit === null) {
      text += `.${String(left % scale).padStart(decimals, '0')}`.slice(0, token.code.length)
      continue
    }
    // Each unit takes what the units before it left: the first (bracketed) one counts past its cycle.
    const seconds = SECONDS_IN[unit as keyof typeof SECONDS_IN] * scale
    const count = Math.floor(left / seconds)
    left -= count * seconds
    text += String(count).padStart(Math.min((bracketed?.[1] ?? code).length, 2), '0')
  }
  return text
}

/** A time-formatted serial below this many days is a duration, not a moment (see serialDateText). */
const ELAPSED_TIME_DAYS = 366

/** Day 0 of each date system, as days since 1970-01-01: 1899-12-30 (once Excel's fictional 1900-02-29 is stepped over) and 1904-01-01. */
const EPOCH_1900 = -25_569
const EPOCH_1904 = -24_107
/** The days a serial may show, as days since 1970-01-01: 0001-01-01 to 9999-12-31, the years of four digits. */
const FIRST_DAY = -719_162
const LAST_DAY = 2_932_896

/**
 * A serial date as ISO text: YYYY-MM-DD for a date (the day alone, whatever time the serial holds), YYYY-MM-DDTHH:MM:SS for a date with a time,
 * HH:MM:SS for a time (hours past 24 for a duration of a day or more). In the 1900 system day 60 is Excel's 1900-02-29, a day that never was (kept
 * from Lotus 1-2-3); it is written as such, and days before it are one day later than a plain count:
 * serial 1 is 1900-01-01, so 0 is 1899-12-31 and -1 1899-12-30, the count that LibreOffice, SheetJS
 * and openpyxl write earlier days in (Excel itself shows no day before 1900). The 1904 system has
 * no such day: its serials count plain days either side of 1904-01-01. A time of day is counted
 * forward from the day's start, also before day 0 (-0.25 is 18:00 the day before).
 * A negative time (of less than a year) is a duration below zero, -HH:MM:SS, as a negative
 * [h]:mm:ss shows it. Null for a serial no calendar can show: a day before 0001-01-01 or after 9999-12-31.
 */
export function serialDateText(serial: number, format: Exclude<DateFormat, null>, date1904: boolean): string | null {
  if (!Number.isFinite(serial)) return null
  // A negative time is no moment (Excel shows ####): it is what it was entered as, a duration below zero.
  if (serial < 0 && format === 'time') {
    if (serial <= -ELAPSED_TIME_DAYS) return null
    const time = serialDateText(-serial, 'time', date1904)!
    return time === '00:00:00' ? time : `-${time}`
  }
  let whole = Math.floor(serial)
  // A date-only format shows the day the moment falls in, its time cut off, never rounded into the
  // next day (23:59:59.6 shows 2012-06-07, as Excel and LibreOffice show it); the time is not kept.
  // Only a serial within a millisecond of midnight is that midnight: the error of a double's sum.
  if (format === 'date') {
    if (Math.round((serial - whole) * 86_400_000) === 86_400_000) whole++
    const days = daysSince1970(whole, date1904)
    return days < FIRST_DAY || days > LAST_DAY ? null : dayText(whole, days, date1904)
  }
  // A format that shows the time rounds it to the second, as the sheet shows 23:59:59.6 as the next day's 0:00.
  let seconds = Math.round((serial - whole) * 86_400)
  if (seconds === 86_400) {
    whole++
    seconds = 0
  }
  const days = daysSince1970(whole, date1904)
  if (days < FIRST_DAY || days > LAST_DAY) return null
  const time = `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`
  if (format === 'time' && (whole === 0 || serial < 1)) return time
  // A time of a day or more in the first year of the count is a duration past 24 hours (26:00, as
  // LibreOffice writes a time cell of 26 hours), not a moment of January 1900; later serials are
  // moments whose format shows only their time.
  if (format === 'time' && serial < ELAPSED_TIME_DAYS) return `${two(whole * 24 + Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`
  return `${dayText(whole, days, date1904)}T${time}`
}

function daysSince1970(whole: number, date1904: boolean): number {
  return date1904 ? EPOCH_1904 + whole : EPOCH_1900 + (whole < 60 ? whole + 1 : whole)
}

/**
 * A serial of the 1900 system as LibreOffice writes it, as Excel counts it. LibreOffice counts plain
 * days from 1899-12-30, with no 1900-02-29 (its 60 is 1900-02-28, its 1 1899-12-31); from 1900-03-01
 * on the two counts agree, before it Excel's is one more.
 */
export function excelSerialOfPlainCount(serial: number): number {
  return serial < 61 ? serial - 1 : serial
}

/** Recently converted days: a date column repeats its days, and this runs once a cell. */
const dayTexts = new Map<number, string>()
const MAX_CACHED_DAYS = 100_000

function dayText(whole: number, days: number, date1904: boolean): string {
  if (!date1904 && whole === 60) return '1900-02-29'
  let text = dayTexts.get(days)
  if (text === undefined) {
    if (dayTexts.size >= MAX_CACHED_DAYS) dayTexts.clear()
    text = civilDate(days)
    dayTexts.set(days, text)
  }
  return text
}

/** Days since 1970-01-01 as YYYY-MM-DD in the proleptic Gregorian calendar (years 1–9999), without a Date. */
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
