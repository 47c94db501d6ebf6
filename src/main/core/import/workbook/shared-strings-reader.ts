import { DamagedXml, elementTooLong, MAX_ELEMENT_CHARS } from './damaged-xml'
import type { SharedStrings } from './shared-strings'
import { raisedRuns } from './superscript-marks'
import { inlineText } from './xlsx-sheet-scanner'
import type { XmlByteReader } from './xml-elements'

const LT = 60
const GT = 62
const SLASH = 47
/** What is kept after the last string, to find the root's end tag in: more than `</x:sst>` and spaces. */
const TAIL_BYTES = 256

const text = new TextDecoder()
/** How a plain string ends: its <t> run's end tag, then its own. */
const PLAIN_END = Buffer.from('</t></si>', 'latin1')

/**
 * Reads a workbook's shared strings (<sst><si>…</si>…</sst>) as UTF-8 bytes as they stream in, into
 * `strings`: a plain string (<si><t>text</t></si>, most of them) is added as its bytes, never
 * decoded; a rich one, or one holding an entity or an Office escape, is decoded (see inlineText).
 * Only the string still arriving is kept between chunks. The XML must end with the close of <sst>.
 */
export class SharedStringsReader implements XmlByteReader {
  private waiting = new Uint8Array(64 * 1024)
  private waitingLength = 0
  /** Whether `waiting` starts with a string still arriving (else it holds the tail after the last one). */
  private unfinished = false

  constructor(private readonly strings: SharedStrings) {}

  feed(chunk: Uint8Array): void {
    // A piece with no < ends nothing: a long string goes on, and waits unread.
    const completes = !this.unfinished || chunk.indexOf(LT) >= 0
    this.wait(chunk)
    if (completes) this.scan()
    if (this.waitingLength > MAX_ELEMENT_CHARS) throw elementTooLong('a shared string')
  }

  end(): void {
    if (this.unfinished || !endsWithRoot(this.waiting, this.waitingLength)) throw new DamagedXml('ends mid-way through its XML')
  }

  enough(): boolean {
    return false
  }

  private wait(bytes: Uint8Array): void {
    if (this.waitingLength + bytes.length > this.waiting.length) {
      const grown = new Uint8Array(Math.max(this.waiting.length * 2, this.waitingLength + bytes.length))
      grown.set(this.waiting.subarray(0, this.waitingLength))
      this.waiting = grown
    }
    this.waiting.set(bytes, this.waitingLength)
    this.waitingLength += bytes.length
  }

  private scan(): void {
    const b = this.waiting
    const end = this.waitingLength
    let pos = 0
    let keep = -1
    for (;;) {
      const open = nextStringStart(b, pos, end)
      if (open < 0) break
      // Fast path: <si><t>plain text</t></si> exactly, the commonest string by far, read in one
      // pass. Anything else, or a string not all there yet, is read below.
      if (b[open + 3] === GT && b[open + 4] === LT && b[open + 5] === 116 && b[open + 6] === GT) {
        const textStart = open + 7
        let textEnd = textStart
        while (textEnd < end && b[textEnd] !== LT) textEnd++
        if (textEnd + PLAIN_END.length <= end && startsWith(b, textEnd, PLAIN_END) && plain(b, textStart, textEnd)) {
          this.strings.addBytes(b, textStart, textEnd)
          pos = textEnd + PLAIN_END.length
          continue
        }
      }
      let close = open
      while (close < end && b[close] !== GT) close++
      if (close >= end) {
        keep = open
        break
      }
      if (b[close - 1] === SLASH) {
        this.strings.add('')
        pos = close + 1
        continue
      }
      const inner = close + 1
      const endTag = stringEnd(b, inner, end)
      if (endTag < 0) {
        keep = open
        break
      }
      this.add(b, inner, endTag)
      pos = endTag + 2
      while (pos < end && b[pos] !== GT) pos++
      pos++
    }
    this.unfinished = keep >= 0
    const from = keep >= 0 ? keep : Math.max(Math.min(pos, end), end - TAIL_BYTES)
    b.copyWithin(0, from, end)
    this.waitingLength = end - from
  }

  /** Adds the string whose <si> holds b[start, end): its bytes as they are when it is one plain <t> run. */
  private add(b: Uint8Array, start: number, end: number): void {
    // <t>…</t> or <t xml:space="preserve">…</t>, unprefixed, with no markup, entity or _x escape in it.
    if (b[start] === LT && b[start + 1] === 116 && (b[start + 2] === GT || b[start + 2] === 32) && end - start >= 7) {
      let textStart = start + 2
      while (textStart < end && b[textStart] !== GT) textStart++
      textStart++
      const textEnd = end - 4
      const closes = b[textEnd] === LT && b[textEnd + 1] === SLASH && b[textEnd + 2] === 116 && b[textEnd + 3] === GT
      if (closes && b[textStart - 2] !== SLASH && textStart <= textEnd && plain(b, textStart, textEnd)) {
        this.strings.addBytes(b, textStart, textEnd)
        return
      }
    }
    this.strings.add(inlineText(raisedRuns(text.decode(b.subarray(start, end)))) ?? '')
  }
}

/** Whether `bytes` are at b[at] (the caller has checked that there are as many). */
function startsWith(b: Uint8Array, at: number, bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (b[at + i] !== bytes[i]) return false
  return true
}

/** Whether b[start, end) is text that needs no decoding: no markup, entity or Office escape. */
function plain(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = b[i]
    if (code === LT || code === 38 || (code === 95 && b[i + 1] === 120)) return false
  }
  return true
}

function isNameEnd(code: number | undefined): boolean {
  return code === 32 || code === GT || code === SLASH || code === 9 || code === 10 || code === 13
}

/** Where the next <si> start tag (any prefix) opens in b[from, end); -1 when none does (or its name is cut off). */
function nextStringStart(b: Uint8Array, from: number, end: number): number {
  for (let at = from; at < end; at++) {
    if (b[at] !== LT || b[at + 1] === SLASH) continue
    let name = at + 1
    while (name < end && !isNameEnd(b[name]) && b[name] !== 58) name++
    const local = b[name] === 58 ? name + 1 : at + 1
    if (local + 2 >= end) return -1
    if (b[local] === 115 && b[local + 1] === 105 && isNameEnd(b[local + 2])) return at
  }
  return -1
}

/** Where the </si> (any prefix) that closes a string opened before `from` starts in b[, end); -1 when it has not come. */
function stringEnd(b: Uint8Array, from: number, end: number): number {
  for (let at = from; at + 1 < end; at++) {
    if (b[at] !== LT || b[at + 1] !== SLASH) continue
    let name = at + 2
    while (name < end && !isNameEnd(b[name]) && b[name] !== 58) name++
    const local = b[name] === 58 ? name + 1 : at + 2
    if (local + 2 >= end) return -1
    if (b[local] !== 115 || b[local + 1] !== 105) continue
    let after = local + 2
    while (after < end && (b[after] === 32 || b[after] === 9 || b[after] === 10 || b[after] === 13)) after++
    if (after >= end) return -1
    if (b[after] === GT) return at
  }
  return -1
}

/** Whether b[0, length) ends with the root's end tag, </sst> (any prefix), and spaces. */
function endsWithRoot(b: Uint8Array, length: number): boolean {
  const tail = text.decode(b.subarray(Math.max(0, length - TAIL_BYTES), length))
  return /<\/(?:[A-Za-z_][\w.-]*:)?sst\s*>\s*$/.test(tail)
}
