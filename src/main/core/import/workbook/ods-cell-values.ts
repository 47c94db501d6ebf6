import { DamagedXml, MAX_ELEMENT_CHARS } from './damaged-xml'
import { attribute, xmlText } from './xml-text'

const PARAGRAPH_OPEN = '<text:p>'
const PARAGRAPH_CLOSE = '</text:p>'
const ANNOTATION_OPEN = '<office:annotation'
const ANNOTATION_CLOSE = '</office:annotation>'
/** More spaces than a text:s may stand for: a cell holds at most 32,767 characters. */
const MAX_SPACES = 32_767

/**
 * The text a cell shows, from its content (what lies between its start and end tags): its
 * paragraphs (text:p, text:h) joined by line breaks, null when it has none. Annotations
 * (office:annotation, a comment on the cell) are not the cell's text.
 */
export function cellText(inner: string): string | null {
  // The commonest cell by far: one paragraph of plain text.
  if (inner.startsWith(PARAGRAPH_OPEN) && inner.indexOf('<', PARAGRAPH_OPEN.length) === inner.length - PARAGRAPH_CLOSE.length && inner.endsWith(PARAGRAPH_CLOSE)) {
    return paragraphText(inner.slice(PARAGRAPH_OPEN.length, inner.length - PARAGRAPH_CLOSE.length))
  }
  let text: string | null = null
  let at = 0
  for (;;) {
    const lt = inner.indexOf('<', at)
    if (lt < 0) return text
    const gt = inner.indexOf('>', lt)
    if (gt < 0) return text
    if (inner.startsWith(ANNOTATION_OPEN, lt) && inner.charCodeAt(gt - 1) !== 47) {
      const end = inner.indexOf(ANNOTATION_CLOSE, gt)
      if (end < 0) return text
      at = end + ANNOTATION_CLOSE.length
      continue
    }
    const name = tagName(inner, lt + 1)
    if (name !== 'text:p' && name !== 'text:h') {
      at = gt + 1
      continue
    }
    text = text === null ? '' : `${text}\n`
    if (inner.charCodeAt(gt - 1) === 47) {
      at = gt + 1
      continue
    }
    const close = `</${name}>`
    const end = inner.indexOf(close, gt)
    const stop = end < 0 ? inner.length : end
    text += paragraphText(inner.slice(gt + 1, stop))
    if (text.length > MAX_ELEMENT_CHARS) throw tooLong()
    at = stop + close.length
  }
}

/**
 * A paragraph's text by OpenDocument's rule for white space: runs of spaces, tabs and line ends in
 * the XML are one space, none at the paragraph's ends; text:s stands for spaces (c of them),
 * text:tab for a tab, text:line-break for a line break. Other markup (spans, links) gives its text.
 */
function paragraphText(raw: string): string {
  if (raw.indexOf('<') < 0 && raw.indexOf('  ') < 0 && !/[\t\r\n]/.test(raw) && raw.charCodeAt(0) !== 32 && raw.charCodeAt(raw.length - 1) !== 32) return xmlText(raw)
  const collapsed = withoutAnnotations(raw).replace(/[\t\r\n ]+/g, ' ').trim()
  let text = ''
  let at = 0
  for (;;) {
    const lt = collapsed.indexOf('<', at)
    if (lt < 0) return text + xmlText(collapsed.slice(at))
    text += xmlText(collapsed.slice(at, lt))
    const gt = collapsed.indexOf('>', lt)
    if (gt < 0) return text
    const tag = collapsed.slice(lt, gt + 1)
    const name = tagName(collapsed, lt + 1)
    if (name === 'text:s') text += ' '.repeat(Math.min(MAX_SPACES, Math.max(1, Number.parseInt(attribute(tag, 'text:c') ?? '1', 10) || 1)))
    else if (name === 'text:tab') text += '\t'
    else if (name === 'text:line-break') text += '\n'
    if (text.length > MAX_ELEMENT_CHARS) throw tooLong()
    at = gt + 1
  }
}

/** Runs of spaces (text:s) may make a cell's text far longer than its XML: as long as a cell's XML may be is enough. */
function tooLong(): DamagedXml {
  return new DamagedXml(`has a cell whose text runs past ${MAX_ELEMENT_CHARS / 1048576} million characters, far past what a spreadsheet holds (it is damaged or built to exhaust memory)`)
}

/** A paragraph's XML without the annotations anchored in it. */
function withoutAnnotations(raw: string): string {
  let text = raw
  for (let at = text.indexOf(ANNOTATION_OPEN); at >= 0; at = text.indexOf(ANNOTATION_OPEN, at)) {
    const gt = text.indexOf('>', at)
    if (gt < 0) return text.slice(0, at)
    const end = text.charCodeAt(gt - 1) === 47 ? gt + 1 : text.indexOf(ANNOTATION_CLOSE, gt)
    if (end < 0) return text.slice(0, at)
    text = text.slice(0, at) + text.slice(end === gt + 1 ? end : end + ANNOTATION_CLOSE.length)
  }
  return text
}

/** The qualified name of the tag whose name starts at `start` ("text:p" of `<text:p>`). */
function tagName(text: string, start: number): string {
  let end = start
  for (;;) {
    const code = text.charCodeAt(end)
    if (Number.isNaN(code) || code === 32 || code === 62 || code === 47 || code === 9 || code === 10 || code === 13) break
    end++
  }
  return text.slice(start, end)
}

/**
 * An office:date-value as the column typer reads a date: YYYY-MM-DD, with THH:MM:SS when it holds a
 * time of day other than midnight that the cell shows (see showsTime); a fraction of a second is
 * rounded. Null when it is no date.
 */
export function odsDateText(value: string, shown: string | null): string | null {
  const match = /^(-?\d{4,})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d):(\d\d)(\.\d+)?)?(?:Z|[+-]\d\d:\d\d)?$/.exec(value)
  if (match === null) return null
  const [, year, month, day, hours, minutes, seconds, fraction] = match
  const date = `${year}-${month}-${day}`
  // A date-only format shows the day as written, its time cut off: rounding 23:59:59.6 would move it.
  if (hours === undefined || !showsTime(shown)) return date
  // Rounding up may carry into the next minute, hour or day; into the next day only when the cell
  // shows that day (LibreOffice's "6/8/12 0:00"), not when it shows the day written or shows nothing.
  const intoNextDay = hours === '23' && minutes === '59' && seconds === '59'
  if (fraction !== undefined && Number(fraction) >= 0.5 && !(intoNextDay && (shown === null || shown.includes(date)))) {
    const at = new Date(0)
    at.setUTCFullYear(Number(year), Number(month) - 1, Number(day))
    at.setUTCHours(Number(hours), Number(minutes), Number(seconds) + 1)
    const iso = `${String(at.getUTCFullYear()).padStart(4, '0')}-${two(at.getUTCMonth() + 1)}-${two(at.getUTCDate())}`
    const time = `${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())}`
    return time === '00:00:00' ? iso : `${iso}T${time}`
  }
  const time = `${hours}:${minutes}:${seconds}`
  return time === '00:00:00' ? date : `${date}T${time}`
}

/**
 * Whether a date cell's text (its text:p, what its format shows: "2012-06-07", "6/8/12 0:00") shows
 * a time of day. A text without digits ("x", none) tells nothing of the format: the time is kept.
 */
function showsTime(shown: string | null): boolean {
  return shown === null || !/\d/.test(shown) || /\d:\d\d/.test(shown)
}

/**
 * An office:time-value (an ISO 8601 duration, PT02H15M00S) as the sheet shows it: a time of day
 * HH:MM:SS under 24 hours, kind 'date' as an Excel time is; an elapsed time past it (26:00:00) or
 * below zero, kind 'number' as an [h]:mm:ss duration is. Null when it is no duration.
 */
export function odsTimeText(value: string): { text: string; kind: 'date' | 'number' } | null {
  const match = /^(-)?P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value)
  if (match === null || value.endsWith('P') || value.endsWith('T')) return null
  const [, minus, days, hours, minutes, seconds] = match
  const total = Math.round(Number(days ?? 0) * 86_400 + Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0))
  if (!Number.isFinite(total) || total > 1e12) return null
  const text = `${two(Math.floor(total / 3600))}:${two(Math.floor(total / 60) % 60)}:${two(total % 60)}`
  if (minus === undefined && total < 86_400) return { text, kind: 'date' }
  return { text: minus !== undefined && total !== 0 ? `-${text}` : text, kind: 'number' }
}

/**
 * A duration's text as a cell shows it ("36:30", "0:00:01", "-12:00") spelled as odsTimeText spells
 * the value ("36:30:00", "00:00:01", "-12:00:00"), to tell whether the two are the same; null for a
 * text that is no hours-and-minutes duration.
 */
export function shownDuration(shown: string): string | null {
  const match = /^(-?)(\d+):(\d\d)(?::(\d\d))?$/.exec(shown)
  if (match === null) return null
  const [, minus, hours, minutes, seconds] = match
  return `${minus}${hours!.padStart(2, '0')}:${minutes}:${seconds ?? '00'}`
}

function two(value: number): string {
  return value < 10 ? `0${value}` : String(value)
}
