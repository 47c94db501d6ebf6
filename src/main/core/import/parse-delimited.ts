export type Delimiter = ',' | '\t' | '|' | ';'

export const DELIMITERS: readonly Delimiter[] = [',', '\t', '|', ';']

export interface DelimitedRecord {
  /** 1-based line of the file on which the record starts. */
  line: number
  fields: string[]
}

export class DelimitedParseError extends Error {
  readonly line: number
  constructor(line: number, message: string) {
    super(message)
    this.name = 'DelimitedParseError'
    this.line = line
  }
}

/**
 * Splits delimited text into records following RFC 4180: fields may be quoted with ", a doubled ""
 * inside quotes is one quote, and quoted fields may span lines. CR, LF and CRLF all end a record.
 */
export function parseDelimited(text: string, delimiter: Delimiter): DelimitedRecord[] {
  const records: DelimitedRecord[] = []
  let fields: string[] = []
  let field = ''
  let line = 1
  let recordLine = 1
  let quoteLine = 0
  let inQuotes = false
  let fieldStarted = false
  const length = text.length
  for (let i = 0; i < length; i++) {
    const ch = text[i]
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else {
          inQuotes = false
        }
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++
        field += ch
      }
      continue
    }
    if (ch === '"' && !fieldStarted) {
      inQuotes = true
      fieldStarted = true
      quoteLine = line
    } else if (ch === delimiter) {
      fields.push(field)
      field = ''
      fieldStarted = false
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      fields.push(field)
      if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields })
      fields = []
      field = ''
      fieldStarted = false
      line++
      recordLine = line
    } else {
      field += ch
      fieldStarted = true
    }
  }
  if (inQuotes) {
    throw new DelimitedParseError(quoteLine, `line ${quoteLine}: a quoted field is never closed (missing ")`)
  }
  if (fieldStarted || fields.length > 0 || field !== '') {
    fields.push(field)
    records.push({ line: recordLine, fields })
  }
  return records
}

/** Counts a delimiter per line outside quotes over the first lines, and picks the most consistent one. */
export function sniffDelimiter(text: string): Delimiter {
  const sample = text.slice(0, 64 * 1024)
  let best: Delimiter = ','
  let bestScore = 0
  for (const delimiter of DELIMITERS) {
    let records: DelimitedRecord[]
    try {
      records = parseDelimited(sample, delimiter).slice(0, 50)
    } catch {
      // The sample may cut a quoted field in half; judge on what parsed before it.
      continue
    }
    if (records.length === 0) continue
    const widths = records.map((record) => record.fields.length)
    const first = widths[0] ?? 1
    if (first < 2) continue
    const consistent = widths.filter((width) => width === first).length / widths.length
    const score = consistent * Math.log2(first + 1)
    if (score > bestScore) {
      bestScore = score
      best = delimiter
    }
  }
  return best
}
