import type { Readable } from 'node:stream'
import { ImportCancelled, ImportInputError } from '../row-sink'

/**
 * Streams a zip entry's XML as text to `feed` in chunks, strictly decoded as UTF-8 (a sheet that is
 * not is damaged, and saying so beats importing replacement characters). Cancelled when `signal`
 * fires; ends early, quietly, once `enough` says the reader has what it wanted.
 */
export async function streamXmlText(stream: Readable, feed: (text: string) => void, signal: AbortSignal, what: string, enough: () => boolean): Promise<void> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  try {
    for await (const chunk of stream) {
      if (signal.aborted) {
        stream.destroy()
        throw new ImportCancelled()
      }
      feed(decoder.decode(chunk as Buffer, { stream: true }))
      // Leaving the loop destroys the stream without an error.
      if (enough()) return
    }
    feed(decoder.decode())
  } catch (error) {
    if (error instanceof ImportCancelled || error instanceof ImportInputError) throw error
    const reason =
      error instanceof TypeError
        ? 'its text is not valid UTF-8'
        : error instanceof RangeError
          ? `it is damaged (${error.message})`
          : error instanceof Error
            ? error.message.replace(/\.$/, '')
            : String(error)
    throw new ImportInputError(`${what} cannot be read: ${reason}; nothing was imported.`, null, null)
  }
}

/** The most XML one shared string may take (Excel's cells hold 32,767 characters) before the part is called damaged. */
const MAX_ELEMENT_CHARS = 64 * 1024 * 1024

/**
 * Calls `onElement` with the inner text of every <name> element (any namespace prefix) in XML that
 * arrives in chunks, keeping only the unfinished tail between chunks: shared strings are read this
 * way, one <si> at a time.
 */
export class ElementStream {
  private pending = ''
  private readonly open: RegExp
  private readonly closeTag: RegExp

  constructor(
    name: string,
    private readonly onElement: (inner: string) => void
  ) {
    this.open = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${name}(?=[\\s>/])[^>]*?(/?)>`, 'g')
    this.closeTag = new RegExp(`</(?:[A-Za-z_][\\w.-]*:)?${name}\\s*>`, 'g')
  }

  feed(chunk: string): void {
    const text = this.pending + chunk
    let pos = 0
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
        break
      }
      this.onElement(text.slice(contentStart, end.index))
      pos = end.index + end[0].length
    }
    // Keep from the first unfinished element on (or a tail long enough to hold a split start tag).
    this.open.lastIndex = pos
    const next = this.open.exec(text)
    this.pending = next !== null ? text.slice(next.index) : text.slice(Math.max(pos, text.length - 256))
    if (this.pending.length > MAX_ELEMENT_CHARS) throw new RangeError(`an element is longer than ${MAX_ELEMENT_CHARS / 1048576} MB of XML`)
  }
}
