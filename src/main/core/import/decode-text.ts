import { SNIPPET_MARK_END, SNIPPET_MARK_START } from '@shared/model'
import { ImportInputError } from './row-sink'
import { utf16MarkWithoutText } from './utf16-mark-without-text'
import { utf16WithoutBom } from './utf16-without-bom'

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'

export interface DecodedText {
  text: string
  encoding: TextEncodingName
  warnings: string[]
}

// The snippet markers must never occur in stored text, or a search snippet could fake a highlight.
const MARKERS = new RegExp(`[${SNIPPET_MARK_START}${SNIPPET_MARK_END}]`, 'g')

// Windows-1252 differs from Latin-1 only in 0x80–0x9F. Node's TextDecoder decodes that range as
// Latin-1's control characters, which would turn “curly quotes” into invisible C1 codes.
// Unassigned bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the same code point, as WHATWG specifies.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ'

export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = []
  const CHUNK = 8192
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK)
    let chunk = ''
    for (let i = start; i < end; i++) {
      const byte = bytes[i]!
      chunk += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80]! : String.fromCharCode(byte)
    }
    parts.push(chunk)
  }
  return parts.join('')
}

/**
 * Decodes a file's bytes without ever inventing replacement characters: a byte-order mark decides,
 * then the encoding the person chose (`requested`, null for none), then UTF-16 text without a mark
 * (see utf16WithoutBom), otherwise strict UTF-8, otherwise windows-1252 (a superset of latin-1 for
 * printable text), which is what government exports that are not UTF-8 almost always are.
 */
export function decodeText(bytes: Uint8Array, fileName: string, requested: TextEncodingName | null): DecodedText {
  const warnings: string[] = []
  let encoding: TextEncodingName
  let body = bytes
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8'
    body = bytes.subarray(3)
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le'
    body = bytes.subarray(2)
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be'
    body = bytes.subarray(2)
  } else {
    encoding = requested ?? utf16WithoutBom(bytes) ?? 'utf-8'
  }
  const notUtf16 = body !== bytes && encoding !== 'utf-8' ? utf16MarkWithoutText(body, encoding as 'utf-16le' | 'utf-16be', true) : null
  if (notUtf16 !== null) throw new ImportInputError(`${fileName} starts with a UTF-16 byte-order mark, but what follows is not UTF-16 text: ${notUtf16}; nothing was imported.`, null, null)
  let text: string
  try {
    text = encoding === 'windows-1252' ? decodeWindows1252(body) : new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body)
  } catch {
    if (requested !== null && body === bytes) {
      throw new ImportInputError(`${fileName} is not valid ${encoding.toUpperCase()} text, the encoding it was imported with; choose another under Encoding (--encoding).`, null, null)
    }
    if (encoding !== 'utf-8') {
      const why = body === bytes ? 'looks like' : 'starts with a byte-order mark of'
      throw new ImportInputError(`${fileName} ${why} ${encoding.toUpperCase()} text but its bytes are not valid ${encoding.toUpperCase()}; nothing was imported.`, null, null)
    }
    encoding = 'windows-1252'
    text = decodeWindows1252(body)
    warnings.push(`${fileName} is not UTF-8; it was read as Windows-1252 (Latin-1).`)
  }
  if (text.includes('\u0000')) {
    text = text.replaceAll('\u0000', '')
    warnings.push(`${fileName} contained NUL bytes; they were removed.`)
  }
  return { text: text.replace(MARKERS, ''), encoding, warnings }
}
