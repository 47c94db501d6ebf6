import type { Readable } from 'node:stream'
import { ImportCancelled } from '../row-sink'
import type { OdsTableScanner } from './ods-table-scanner'
import { OdsTables } from './ods-tables'
import { damageOf, streamRefusal, xmlRefusal, type XmlFailure } from './xml-elements'

/**
 * A reading of an .ods file's content.xml that goes on from sheet to sheet: a sheet's reader stops
 * where its table ends, and the next sheet's reader takes up the stream there, so reading every
 * sheet in order inflates the part once, not once a sheet (20 sheets would cost 10 times the part).
 * The text is decoded strictly as UTF-8, and failures are told as streamXmlText tells them: damaged
 * text waits for the part's checksum, which gives the truer reason, and every failure is one line
 * naming the file and the sheet. After any failure the cursor is spent.
 */
export class ContentCursor {
  readonly tables = new OdsTables()
  private readonly iterator: AsyncIterator<unknown>
  private readonly decoder = new TextDecoder('utf-8', { fatal: true })
  /** Text read from the stream that the last sheet's reader left: where the next sheets start. */
  private pending = ''
  private ended = false

  constructor(
    private readonly stream: Readable,
    private readonly fileName: string
  ) {
    this.iterator = stream[Symbol.asyncIterator]()
  }

  /** Feeds `scanner` from where the last one stopped until it has read its table or the part ends; `onText` hears how much was read. */
  async read(scanner: OdsTableScanner, signal: AbortSignal, label: string, onText: (length: number) => void): Promise<void> {
    let failure: XmlFailure | null = null
    const attempt = (work: () => void) => {
      failure = damageOf(work)
    }
    try {
      const pending = this.pending
      this.pending = ''
      if (pending !== '') attempt(() => scanner.feed(pending))
      while (failure === null && !scanner.enough()) {
        if (signal.aborted) throw new ImportCancelled()
        const next = this.ended ? { done: true, value: undefined } : await this.iterator.next()
        let text: string
        try {
          text = next.done === true ? this.decoder.decode() : this.decoder.decode(next.value as Buffer, { stream: true })
        } catch {
          failure = 'not UTF-8'
          break
        }
        onText(text.length)
        attempt(() => scanner.feed(text))
        if (next.done === true) {
          this.ended = true
          if (failure === null) attempt(() => scanner.end())
          break
        }
      }
      // What makes no sense is inflated on to the end, unread: a damaged zip's checksum says more.
      while (failure !== null && !this.ended) {
        if (signal.aborted) throw new ImportCancelled()
        this.ended = (await this.iterator.next()).done === true
      }
    } catch (error) {
      this.close()
      throw streamRefusal(error, this.fileName, label)
    }
    if (failure !== null) {
      this.close()
      throw xmlRefusal(failure, this.fileName, label)
    }
    this.pending = scanner.rest
  }

  /** Whether the cursor is past the start of table `index` (or spent): that table needs a reading of its own. */
  passed(index: number): boolean {
    return this.stream.destroyed || this.tables.count > index
  }

  close(): void {
    this.stream.destroy()
  }
}
