import type { ImportDelimiter } from '@shared/model'
import { DelimitedParser } from './delimited-parser'

export interface DelimitedFormat {
  delimiter: ImportDelimiter
  quote: 'double' | 'none'
}

export interface SniffInput {
  /** The decoded start of the file. */
  sample: string
  /** False when the sample stops mid-file, so its last record may be cut short. */
  sampleIsWholeFile: boolean
  fileName: string
  delimiter: ImportDelimiter | null
  quote: 'double' | 'none'
}

const CANDIDATES: readonly ImportDelimiter[] = [',', '\t', '|', ';']
const RECORDS_TO_COMPARE = 50
/** Consistency within this margin of the best counts as a tie, and then more columns win. */
const CONSISTENCY_TOLERANCE = 0.1

/**
 * Settles the delimiter and quoting the user left open. The delimiter is the candidate that splits
 * the first records into the same number (> 1) of fields most consistently; near-ties go to the one
 * giving more fields, since a tab file whose rows all hold one "City, ST" value should stay a tab
 * file. `.tsv`/`.tab` files are tab-delimited.
 *
 * Quoting: a tab-delimited sample in which no field starts with a quote is read with quotes off,
 * which gives the same result for the sample and keeps a stray quote later in an unquoted export
 * (EOIR's) from swallowing the rest of the file.
 */
export function sniffDelimited(input: SniffInput): DelimitedFormat {
  const delimiter = input.delimiter ?? (/\.(tsv|tab)$/i.test(input.fileName) ? '\t' : bestDelimiter(input))
  const quote = input.quote === 'double' && delimiter === '\t' && !anyFieldStartsWithQuote(input.sample, delimiter) ? 'none' : input.quote
  return { delimiter, quote }
}

function bestDelimiter(input: SniffInput): ImportDelimiter {
  let best: { delimiter: ImportDelimiter; consistency: number; fields: number } | null = null
  const scores = CANDIDATES.map((delimiter) => ({ delimiter, ...fieldCountConsistency(input, delimiter) }))
  const topConsistency = Math.max(...scores.filter((s) => s.fields > 1).map((s) => s.consistency))
  for (const score of scores) {
    if (score.fields <= 1 || score.consistency < topConsistency - CONSISTENCY_TOLERANCE) continue
    if (best === null || score.fields > best.fields) best = score
  }
  return best?.delimiter ?? ','
}

/** The most common field count among the first records, and the share of records that have it. */
function fieldCountConsistency(input: SniffInput, delimiter: ImportDelimiter): { fields: number; consistency: number } {
  const counts: number[] = []
  const parser = new DelimitedParser({ delimiter, quote: input.quote }, (fields) => {
    if (counts.length < RECORDS_TO_COMPARE) counts.push(fields.length)
  })
  parser.feed(input.sample)
  if (input.sampleIsWholeFile && parser.unclosedQuoteLine === null) parser.finish()
  if (counts.length === 0) return { fields: 0, consistency: 0 }
  const frequency = new Map<number, number>()
  for (const count of counts) frequency.set(count, (frequency.get(count) ?? 0) + 1)
  let fields = 0
  let occurrences = 0
  for (const [count, seen] of frequency) {
    if (seen > occurrences || (seen === occurrences && count > fields)) {
      fields = count
      occurrences = seen
    }
  }
  return { fields, consistency: occurrences / counts.length }
}

function anyFieldStartsWithQuote(sample: string, delimiter: ImportDelimiter): boolean {
  const delimiterCode = delimiter.charCodeAt(0)
  let atFieldStart = true
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i)
    if (atFieldStart && c === 34) return true
    atFieldStart = c === delimiterCode || c === 10 || c === 13
  }
  return false
}
