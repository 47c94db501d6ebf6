import type { ImportEncoding } from '@shared/model'
import { utf16WithoutBom } from '../utf16-without-bom'
import { TextChunkDecoder } from './text-chunk-decoder'

export interface DetectedEncoding {
  encoding: ImportEncoding
  /** Length of the byte-order mark to skip (0 when there is none). */
  bomBytes: number
  /** The file's start is not UTF-8, so Windows-1252 was assumed; the user should be told. */
  guessedWindows1252: boolean
}

/**
 * Picks the encoding from the file's first bytes: a byte-order mark decides; then the user's
 * choice; then UTF-16 if the sample is plainly UTF-16 text without a mark (see utf16WithoutBom);
 * then UTF-8 if the sample is valid UTF-8, else Windows-1252 (what government exports that are not
 * UTF-8 almost always are). Only the sample is checked, so a gigabyte file is not read twice;
 * a later invalid byte is reported by the strict decoder instead.
 */
export function detectEncoding(sample: Buffer, requested: ImportEncoding | null, sampleIsWholeFile: boolean): DetectedEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) {
    return { encoding: 'utf-8', bomBytes: 3, guessedWindows1252: false }
  }
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bomBytes: 2, guessedWindows1252: false }
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bomBytes: 2, guessedWindows1252: false }
  if (requested !== null) return { encoding: requested, bomBytes: 0, guessedWindows1252: false }
  const utf16 = utf16WithoutBom(sample)
  if (utf16 !== null) return { encoding: utf16, bomBytes: 0, guessedWindows1252: false }
  const utf8 = new TextChunkDecoder('utf-8')
  // A character cut by the sample's end is not an error; at the file's real end it is.
  const whole = sampleIsWholeFile ? sample : sample.subarray(0, sample.length - utf8.incompleteTail(sample))
  if (utf8.decode(whole).ok) return { encoding: 'utf-8', bomBytes: 0, guessedWindows1252: false }
  return { encoding: 'windows-1252', bomBytes: 0, guessedWindows1252: true }
}
