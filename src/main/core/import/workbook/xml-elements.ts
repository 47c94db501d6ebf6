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

/**
 * Streams a zip entry's XML as text to `reader` in chunks, strictly decoded as UTF-8 (a sheet that
 * is not is damaged, and saying so beats importing replacement characters). Cancelled when
 * `signal` fires. Every failure is one line naming the file and the part (`label`: "sheet “Data”").
 * When the text makes no sense, the rest of the part is still inflated (not read): damaged bytes
 * make garbage, and the part's checksum at its end then gives the truer reason. That costs at most
 * the part's declared size, which ZipPackage keeps within a hundred times its compressed size.
 */
export async function streamXmlText(stream: Readable, reader: XmlTextReader, signal: AbortSignal, fileName: string, label: string): Promise<void> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  // What garbage causes (text that is not UTF-8, XML that makes no sense) waits for the checksum;
  // the sink's own refusals (a table too wide), cancelling and failures to write go at once.
  let failure: XmlFailure | null = null
  const attempt = (work: () => void) => {
    failure = damageOf(work)
  }
  const feed = (decode: () => string) => {
    let text: string
    try {
      text = decode()
    } catch {
      failure = 'not UTF-8'
      return
    }
    attempt(() => reader.feed(text))
  }
  try {
    for await (const chunk of stream) {
      if (signal.aborted) {
        stream.destroy()
        throw new ImportCancelled()
      }
      if (failure !== null) continue
      feed(() => decoder.decode(chunk as Buffer, { stream: true }))
      // Leaving the loop destroys the stream without an error.
      if (failure === null && reader.enough()) return
    }
    if (failure === null) feed(() => decoder.decode())
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
