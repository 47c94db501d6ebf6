import { normaliseDate } from './normalise-date'

/** A memo's head lies in its first lines: a letterhead, the To/From/Subject/Date block. */
const HEAD_LINES = 30
/** A title longer than this is a paragraph, not a subject. */
const MAX_TITLE = 200

/** "SUBJECT: …", "Subject: …", "RE: …", "Re: …", "SUBJ: …" (OCR may read the colon as a full stop or a semicolon). */
const SUBJECT = /^(?:SUBJECT|Subject|SUBJ|RE|Re|Regarding|REGARDING)\s*[:;.]\s*(\S.*)$/
/** The fields of a memo's head, which a memo's first lines hold instead of a title. */
const FIELD = /^(?:MEMORANDUM|Memorandum|TO|To|FOR|For|FROM|From|THROUGH|Through|THRU|CC|cc|DATE|Date)\b\s*(?:[:;.]|FOR\b|$)/
/**
 * Who sends a letter or memo: a line in title case or capitals (no sentence) that starts as an
 * agency's name does ("U.S. …", "United States …", "Department of …", "Office of …", "Federal …")
 * or ends with what names one ("… Enforcement", "… Department", "… Court", "… Field Office").
 * A headline such as "Court Rules on Detention" is neither.
 */
const AGENCY_START = /^(?:the\s+)?(?:U\.\s?S\.|United\s+States|Department|Dept\.|Office|Bureau|Federal|Executive\s+Office|Ministry|State\s+of|Commonwealth\s+of|County\s+of|City\s+of)\b/i
const AGENCY_END = /\b(?:Department|Agency|Bureau|Administration|Commission|Enforcement|Security|Service|Services|Court|Office|Directorate|Secretariat|Senate|Representatives|General|(?:Department|Office|Bureau|Ministry|Division)\s+of(?:\s+(?:the\s+)?[A-Z][\w.&-]*){1,4})$/
const AGENCY_WORDS = 10

function isAgency(line: string): boolean {
  const words = line.split(' ')
  if (words.length > AGENCY_WORDS || /[.?!:]$/.test(line)) return false
  // Every word of four letters or more starts with a capital (minor words may not).
  if (!words.every((word) => !/^[a-z]{4,}/.test(word))) return false
  return AGENCY_START.test(line) || AGENCY_END.test(line)
}

/** Street addresses, post office boxes and "City, ST 12345" lines, telephone numbers and web addresses. */
const ADDRESS =
  /^(?:\d+[\w-]*\s+[\w.\s]+\b(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Drive|Dr\.?|Lane|Way|Place|Plaza|Square|Court|Suite|Floor|S\.?W\.?|N\.?W\.?|S\.?E\.?|N\.?E\.?)\b.*|P\.?\s?O\.?\s+Box\b.*|.*,\s*[A-Z]{2}\.?\s+\d{5}(?:-\d{4})?|.*\b(?:Washington,?\s+D\.?\s?C\.?)(?:\s+\d{5}(?:-\d{4})?)?|(?:Tel|Phone|Fax)\b.*|\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}|(?:https?:\/\/|www\.)\S+)$/

const MONTH = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)'
/** A date written out: "June 17, 2011", "17 June 2011", "Jun. 17, 2011". */
const WRITTEN_DATE = new RegExp(`\\b(?:${MONTH}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}\\.?,?\\s+\\d{4})\\b`)
/** "DATE: 06/17/2011" (a US memo writes the month first). */
const NUMBERED_DATE = /^(?:DATE|Date)\s*[:;.]?\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\b/

function headLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .slice(0, HEAD_LINES)
}

/** Whether a page's first lines hold a memo's or letter's head: a subject line or To/From fields. */
export function hasMemoHead(text: string): boolean {
  return headLines(text).some((line) => SUBJECT.test(line) || FIELD.test(line))
}

/** Whether a line is a letterhead's: an agency's name, an office, an address, a memo's field. */
function isLetterhead(line: string): boolean {
  return isAgency(line) || ADDRESS.test(line) || FIELD.test(line) || WRITTEN_DATE.test(line) || !/[A-Za-z]{2}/.test(line)
}

/**
 * A memo's or letter's title, from the head of its first page: its subject line ("SUBJECT:
 * Prosecutorial discretion"), or else the first line that is not letterhead (an agency's name, a
 * street address, "Office of the Director", "MEMORANDUM FOR …"); null when it has neither. Scans
 * carry the sender's letterhead on top, and two memos of one agency would otherwise both be called
 * "U.S. Department of Homeland Security".
 */
export function memoTitle(text: string): string | null {
  const lines = headLines(text)
  for (const line of lines) {
    const subject = SUBJECT.exec(line)?.[1]?.trim()
    if (subject !== undefined && subject.length <= MAX_TITLE && /[A-Za-z]{2}/.test(subject)) return subject
  }
  const first = lines.find((line) => !isLetterhead(line))
  return first !== undefined && first.length <= MAX_TITLE ? first : null
}

/** The date written in a memo's or letter's head ("June 17, 2011", "DATE: 06/17/2011") as YYYY-MM-DD; null when none is. */
export function memoDate(text: string): string | null {
  for (const line of headLines(text)) {
    const written = WRITTEN_DATE.exec(line)
    if (written !== null) {
      const date = normaliseDate(written[0])
      if (date !== null) return date
    }
    const numbered = NUMBERED_DATE.exec(line)
    if (numbered !== null) {
      const date = normaliseDate(`${numbered[3]!}-${numbered[1]!.padStart(2, '0')}-${numbered[2]!.padStart(2, '0')}`)
      if (date !== null) return date
    }
  }
  return null
}
