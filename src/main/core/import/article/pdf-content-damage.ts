/**
 * What pdf.js could not read of a document's page content (drawing commands it skipped, bad
 * strings in them), counted while the document is read. pdf.js says so only as "Warning: …" lines
 * on console.warn at the WARNINGS verbosity; it has no callback. Without this, a PDF whose content
 * stream is damaged imported silently with half a page missing and the rest garbled.
 */
export class PdfContentDamage {
  private commands = 0

  private constructor() {}

  /** Starts counting; `stop` must follow once the document is destroyed. */
  static start(): PdfContentDamage {
    const damage = new PdfContentDamage()
    listening.add(damage)
    if (listening.size === 1) install()
    return damage
  }

  stop(): void {
    listening.delete(this)
    if (listening.size === 0) uninstall()
  }

  /** The import's warning, or none when pdf.js read every command. */
  warnings(fileName: string): string[] {
    if (this.commands === 0) return []
    const many = this.commands === 1 ? 'a drawing command' : `${this.commands.toLocaleString('en-US')} drawing commands`
    return [
      `${fileName} is damaged in places: ${many} in its pages could not be read, so text there may be missing or garbled. Compare it with the PDF in a reader, or get another copy.`
    ]
  }

  /** One warning line pdf.js gave while this document was read (see install). */
  heard(line: string): void {
    if (CONTENT_DAMAGE.test(line)) this.commands++
  }
}

/**
 * pdf.js's words for content it could not read: an operator it does not know or with too few
 * operands, and a hex string with characters that are not hex (damaged bytes inside text).
 */
const CONTENT_DAMAGE = /^Warning: (?:Unknown command|Skipping command|getHexString - ignoring invalid character)/

// One wrapper for every document read at once in this thread, put back when the last one ends.
const listening = new Set<PdfContentDamage>()
let original: typeof console.warn | null = null

function install(): void {
  original = console.warn
  const passOn = original
  console.warn = (...args: unknown[]) => {
    const line = args.map(String).join(' ')
    // pdf.js's other warnings (fonts it substitutes, and the like) were not printed before either.
    if (!line.startsWith('Warning: ')) {
      passOn(...args)
      return
    }
    for (const damage of listening) damage.heard(line)
  }
}

function uninstall(): void {
  if (original !== null) console.warn = original
  original = null
}
