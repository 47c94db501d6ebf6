import { isUtf8 } from 'node:buffer'
import type { Readable } from 'node:stream'
import { ImportCancelled, ImportInputError } from '../row-sink'
import { damaged, messageOf } from '../zip/zip-package'
import { DamagedXml, elementTooLong, MAX_ELEMENT_CHARS } from './damaged-xml'

/** What reads a part's XML as it streams in (an XlsxSheetScanner, an ElementStream). */
export interface XmlTextReader {
  feed(text: string): void
  /** Called once the whole part has been fed: throws DamagedXml when the XML did not end whole. */
  end(): void
  /** Whether the reader has what it wanted: the rest of the part is then not read. */
  enough(): boolean
}

/** What reads a part's XML as UTF-8 bytes, undecoded (an XlsxSheetScanner). */
export interface XmlByteReader {
  feed(bytes: Uint8Array): void
  end(): void
  enough(): boolean
}

/** Thrown where a part's bytes turn out not to be UTF-8. */
class NotUtf8 extends Error {}

/**
 * Streams a zip entry's XML as text to `reader` in chunks, strictly decoded as UTF-8 (a sheet that
 * is not is damaged, and saying so beats importing replacement characters). See streamXmlPart.
 */
export async function streamXmlText(stream: Readable, reader: XmlTextReader, signal: AbortSignal, fileName: string, label: string): Promise<void> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  const decode = (chunk?: Buffer): string => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true })
    } catch {
      throw new NotUtf8()
    }
  }
  const bytes: XmlByteReader = {
    feed: (chunk) => reader.feed(decode(chunk as Buffer)),
    end: () => {
      reader.feed(decode())
      reader.end()
    },
    enough: () => reader.enough()
  }
  await streamXmlPart(stream, bytes, signal, fileName, label)
}

/**
 * Streams a zip entry's XML to `reader` as the bytes they are, checked as UTF-8 on the way (by
 * node's native check, many times faster than decoding): a reader that looks at bytes needs no
 * text, and the sheet is refused just the same when it is not UTF-8. See streamXmlPart.
 */
export async function streamXmlBytes(stream: Readable, reader: XmlByteReader, signal: AbortSignal, fileName: string, label: string): Promise<void> {
  const check = new Utf8Check()
  const bytes: XmlByteReader = {
    feed: (chunk) => {
      if (!check.next(chunk)) throw new NotUtf8()
      reader.feed(chunk)
    },
    end: () => {
      if (!check.end()) throw new NotUtf8()
      reader.end()
    },
    enough: () => reader.enough()
  }
  await streamXmlPart(stream, bytes, signal, fileName, label)
}

/**
 * Checks that bytes arriving in chunks are UTF-8: a character cut by a chunk's end waits (at most
 * three bytes) for the rest of it.
 */
class Utf8Check {
  private readonly carry = new Uint8Array(4)
  private carried = 0

  /** False once the bytes so far cannot be UTF-8. */
  next(chunk: Uint8Array): boolean {
    let start = 0
    if (this.carried > 0) {
      const needed = sequenceLength(this.carry[0]!)
      while (this.carried < needed && start < chunk.length) this.carry[this.carried++] = chunk[start++]!
      if (this.carried < needed) return true
      if (!isUtf8(this.carry.subarray(0, needed))) return false
      this.carried = 0
    }
    let cut = chunk.length
    let lead = chunk.length - 1
    while (lead >= start && lead > chunk.length - 4 && (chunk[lead]! & 0xc0) === 0x80) lead--
    if (lead >= start && sequenceLength(chunk[lead]!) > chunk.length - lead) cut = lead
    if (!isUtf8(chunk.subarray(start, cut))) return false
    for (let i = cut; i < chunk.length; i++) this.carry[this.carried++] = chunk[i]!
    return true
  }

  /** Whether the bytes ended whole: no character cut short. */
  end(): boolean {
    return this.carried === 0
  }
}

/** How many bytes the UTF-8 character that starts with `lead` takes (1 for a byte no character starts with: the check refuses it). */
function sequenceLength(lead: number): number {
  if (lead >= 0xf0 && lead <= 0xf7) return 4
  if (lead >= 0xe0) return lead <= 0xef ? 3 : 1
  return lead >= 0xc0 ? 2 : 1
}

/**
 * Streams a zip entry's XML to `reader` in chunks. Cancelled when `signal` fires. Every failure is
 * one line naming the file and the part (`label`: "sheet “Data”").
 * When the text makes no sense, the rest of the part is still inflated (not read): damaged bytes
 * make garbage, and the part's checksum at its end then gives the truer reason. That costs at most
 * the part's declared size, which ZipPackage keeps within a hundred times its compressed size.
 */
async function streamXmlPart(stream: Readable, reader: XmlByteReader, signal: AbortSignal, fileName: string, label: string): Promise<void> {
  // What garbage causes (text that is not UTF-8, XML that makes no sense) waits for the checksum;
  // the sink's own refusals (a table too wide), cancelling and failures to write go at once.
  let failure: XmlFailure | null = null
  const attempt = (work: () => void) => {
    try {
      work()
    } catch (error) {
      if (error instanceof NotUtf8) failure = 'not UTF-8'
      else if (error instanceof DamagedXml) failure = error
      else throw error
    }
  }
  try {
    for await (const chunk of stream) {
      if (signal.aborted) {
        stream.destroy()
        throw new ImportCancelled()
      }
      if (failure !== null) continue
      attempt(() => reader.feed(chunk as Buffer))
      // Leaving the loop destroys the stream without an error.
      if (failure === null && reader.enough()) return
    }
    if (failure === null) attempt(() => reader.end())
  } catch (error) {
    throw streamRefusal(error, fileName, label)
  }
  if (failure !== null) throw xmlRefusal(failure, fileName, label)
}

/** What makes a part's text unreadable: it is not UTF-8, or its XML makes no sense. */
export type XmlFailure = DamagedXml | 'not UTF-8'

/** Runs `work` (a reader's feeding), answering the DamagedXml it throws, or null; other errors go on. */
export function damageOf(work: () => void): DamagedXml | null {
  try {
    work()
    return null
  } catch (error) {
    if (!(error instanceof DamagedXml)) throw error
    return error
  }
}

/** The one-line refusal of a part (`label`) whose text is unreadable. */
export function xmlRefusal(failure: XmlFailure, fileName: string, label: string): ImportInputError {
  if (failure === 'not UTF-8') return new ImportInputError(`${fileName}, ${label} cannot be read: its text is not valid UTF-8; nothing was imported.`, null, null)
  return new ImportInputError(damaged(fileName, `${label} ${failure.message}`), null, null)
}

/** What to throw for an error met while a part streamed: its own errors (checksum, size, inflate) already say what is wrong with the file. */
export function streamRefusal(error: unknown, fileName: string, label: string): Error {
  if (error instanceof ImportCancelled || error instanceof ImportInputError) return error
  return new ImportInputError(`${fileName}, ${label} cannot be read: ${messageOf(error)}; nothing was imported.`, null, null)
}

/**
 * Calls `onElement` with the inner text of every <name> element (any namespace prefix) in XML that
 * arrives in chunks, keeping only the unfinished tail between chunks: shared strings are read this
 * way, one <si> at a time. The XML must end with the close of its root element `root`.
 */
export class ElementStream implements XmlTextReader {
  private pending = ''
  /** Whether `pending` starts with an element still arriving. */
  private unfinished = false
  /** Text that came while an element was unfinished and could not finish it (it has no <). */
  private waiting: string[] = []
  private waitingLength = 0
  private readonly open: RegExp
  private readonly closeTag: RegExp
  private readonly rootEnd: RegExp

  constructor(
    name: string,
    root: string,
    private readonly onElement: (inner: string) => void
  ) {
    this.open = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${name}(?=[\\s>/])[^>]*?(/?)>`, 'g')
    this.closeTag = new RegExp(`</(?:[A-Za-z_][\\w.-]*:)?${name}\\s*>`, 'g')
    this.rootEnd = new RegExp(`</(?:[A-Za-z_][\\w.-]*:)?${root}\\s*>\\s*$`)
  }

  feed(chunk: string): void {
    // A long text goes on: it waits unread, so an element of megabytes costs one pass, not one a chunk.
    if (this.unfinished && chunk.indexOf('<') < 0) {
      this.waiting.push(chunk)
      this.waitingLength += chunk.length
      if (this.pending.length + this.waitingLength > MAX_ELEMENT_CHARS) throw elementTooLong('a shared string')
      return
    }
    const text = this.pending + this.waiting.join('') + chunk
    this.waiting = []
    this.waitingLength = 0
    let pos = 0
    this.unfinished = false
    for (;;) {
      this.open.lastIndex = pos
      const start = this.open.exec(text)
      if (start === null) break
      const contentStart = start.index + start[0].length
      if (start[1] === '/') {
        this.onElement('')
        pos = contentStart
        continue
      }
      this.closeTag.lastIndex = contentStart
      const end = this.closeTag.exec(text)
      if (end === null) {
        pos = start.index
        this.unfinished = true
        break
      }
      this.onElement(text.slice(contentStart, end.index))
      pos = end.index + end[0].length
    }
    // Keep the unfinished element, or else a tail long enough to hold a split start tag and the root's end.
    this.pending = this.unfinished ? text.slice(pos) : text.slice(Math.max(pos, text.length - 256))
    if (this.pending.length > MAX_ELEMENT_CHARS) throw elementTooLong('a shared string')
  }

  end(): void {
    const text = this.pending + this.waiting.join('')
    if (this.unfinished || !this.rootEnd.test(text)) throw new DamagedXml('ends mid-way through its XML')
  }

  enough(): boolean {
    return false
  }
}
