import { isAscii, isUtf8 } from 'node:buffer'
import { SNIPPET_MARK_END, SNIPPET_MARK_START, type ImportEncoding } from '@shared/model'
import { decodeWindows1252 } from '../decode-text'
import { firstInvalidUtf8Byte } from '../utf8/first-invalid-utf8-byte'
import { incompleteUtf8Tail } from '../utf8/incomplete-utf8-tail'

export type ChunkDecodeResult = { ok: true; text: string } | { ok: false; invalidAt: number }

// The snippet markers must never occur in stored text, or a search snippet could fake a highlight.
const MARKERS = new RegExp(`[${SNIPPET_MARK_START}${SNIPPET_MARK_END}]`, 'g')
// Taken from decodeWindows1252 itself so the mapping has a single source of truth; used to patch a
// fast Latin-1 decode, because decoding byte by byte is far too slow for gigabyte files.
const CP1252_HIGH = decodeWindows1252(Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i))
const NULS = /\u0000/g
const HAS_NUL = /\u0000/
// U+E000 and U+E001 in UTF-8 are EE 80 80 and EE 80 81.
const MARKERS_UTF8_PREFIX = Buffer.from([0xee, 0x80])
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Whether UTF-8 bytes hold what `decode` would remove: NUL characters or the snippet markers. */
export function utf8NeedsCleaning(bytes: Buffer): boolean {
  return bytes.indexOf(0) !== -1 || bytes.indexOf(MARKERS_UTF8_PREFIX) !== -1
}

/**
 * Decodes a file chunk by chunk, strictly: bytes that are not valid in the encoding are reported
 * (with their offset), never replaced by U+FFFD. The caller keeps back the bytes of a character
 * split at a chunk's end (`incompleteTail`) and puts them in front of the next chunk, so every
 * chunk decodes on its own and an error can be located exactly.
 *
 * NUL characters and the snippet markers are removed from the text; NULs are counted for a warning.
 */
export class TextChunkDecoder {
  private nuls = 0

  constructor(readonly encoding: ImportEncoding) {}

  /** How many NUL characters were removed so far. */
  get nulCount(): number {
    return this.nuls
  }

  /** The number of bytes at the end of `bytes` that begin a character the next chunk completes. */
  incompleteTail(bytes: Uint8Array): number {
    switch (this.encoding) {
      case 'utf-8':
        return incompleteUtf8Tail(bytes, bytes.length)
      case 'utf-16le':
        return incompleteUtf16Tail(bytes, true)
      case 'utf-16be':
        return incompleteUtf16Tail(bytes, false)
      case 'windows-1252':
        return 0
    }
  }

  decode(bytes: Buffer): ChunkDecodeResult {
    let text: string
    // What the text could contain is decided on the bytes where possible: Buffer#indexOf is a
    // native memchr, far cheaper than searching the decoded string.
    let mayHaveMarkers: boolean
    let hasNul: boolean
    switch (this.encoding) {
      case 'utf-8':
        if (isAscii(bytes)) {
          // Most chunks of most files are pure ASCII, which Latin-1 decodes identically and ~5x faster.
          text = bytes.toString('latin1')
          mayHaveMarkers = false
        } else if (isUtf8(bytes)) {
          text = bytes.toString('utf8')
          mayHaveMarkers = bytes.indexOf(MARKERS_UTF8_PREFIX) !== -1
        } else {
          return { ok: false, invalidAt: firstInvalidUtf8Byte(bytes) }
        }
        hasNul = bytes.indexOf(0) !== -1
        break
      case 'utf-16le':
      case 'utf-16be': {
        if (bytes.length % 2 === 1) return { ok: false, invalidAt: bytes.length - 1 }
        const le = this.encoding === 'utf-16le' ? bytes : Buffer.from(bytes).swap16()
        text = le.toString('utf16le')
        const bad = UNPAIRED_SURROGATE.exec(text)
        if (bad !== null) return { ok: false, invalidAt: bad.index * 2 }
        mayHaveMarkers = true
        hasNul = HAS_NUL.test(text)
        break
      }
      case 'windows-1252':
        text = decodeWindows1252Chunk(bytes)
        // No Windows-1252 byte decodes to a private-use character.
        mayHaveMarkers = false
        hasNul = bytes.indexOf(0) !== -1
        break
    }
    if (hasNul) {
      const cleaned = text.replace(NULS, '')
      this.nuls += text.length - cleaned.length
      text = cleaned
    }
    if (mayHaveMarkers) text = text.replace(MARKERS, '')
    return { ok: true, text }
  }
}

/**
 * Windows-1252 is Latin-1 except for 0x80–0x9F, so the chunk is decoded as Latin-1 (native, fast)
 * in the stretches between those bytes, and only they are looked up.
 */
function decodeWindows1252Chunk(bytes: Buffer): string {
  if (isAscii(bytes)) return bytes.toString('latin1')
  const latin1 = bytes.toString('latin1')
  const specials = cp1252SpecialOffsets(bytes)
  if (specials.length === 0) return latin1
  // Concatenation, not Array#join: V8 builds a rope and flattens it once, where join was ~10x slower.
  let text = ''
  let start = 0
  for (const offset of specials) {
    text += latin1.slice(start, offset) + CP1252_HIGH[bytes[offset]! - 0x80]!
    start = offset + 1
  }
  return text + latin1.slice(start)
}

/** Offsets of the bytes 0x80–0x9F. */
function cp1252SpecialOffsets(bytes: Uint8Array): number[] {
  const found: number[] = []
  const length = bytes.length
  const head = Math.min(length, (4 - (bytes.byteOffset & 3)) & 3)
  const words = (length - head) >>> 2
  const tail = head + words * 4
  for (let i = 0; i < head; i++) if ((bytes[i]! & 0xe0) === 0x80) found.push(i)
  // Four bytes at a time (a byte-by-byte loop is ~3x slower): in mostly-ASCII text most words have
  // no high bit set at all. The mask tests every byte's high bit, so byte order does not matter.
  const view = new Uint32Array(bytes.buffer, bytes.byteOffset + head, words)
  for (let w = 0; w < words; w++) {
    if ((view[w]! & 0x80808080) === 0) continue
    const end = head + w * 4 + 4
    for (let i = end - 4; i < end; i++) if ((bytes[i]! & 0xe0) === 0x80) found.push(i)
  }
  for (let i = tail; i < length; i++) if ((bytes[i]! & 0xe0) === 0x80) found.push(i)
  return found
}

function incompleteUtf16Tail(bytes: Uint8Array, littleEndian: boolean): number {
  const odd = bytes.length % 2
  const last = bytes.length - odd - 2
  if (last < 0) return odd
  const unit = littleEndian ? bytes[last]! | (bytes[last + 1]! << 8) : (bytes[last]! << 8) | bytes[last + 1]!
  const highSurrogate = unit >= 0xd800 && unit <= 0xdbff
  return odd + (highSurrogate ? 2 : 0)
}
