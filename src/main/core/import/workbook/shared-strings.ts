/**
 * A workbook's shared strings, kept as one growing UTF-8 buffer and the offsets where each string
 * ends, rather than as an array of strings: the table is as large as the workbook's distinct texts
 * (millions, in a workbook of ids), and a string object costs several times its few characters.
 * A sheet's cells take their bytes as they are (see `has`, `startOf`, `endOf`); `get` decodes them.
 */
export class SharedStrings {
  private bytes = Buffer.allocUnsafe(1 << 20)
  private view = new Uint8Array(this.bytes.buffer, this.bytes.byteOffset, this.bytes.length)
  private used = 0
  private ends = new Uint32Array(1 << 16)
  private count = 0

  get length(): number {
    return this.count
  }

  add(text: string): void {
    // At most three bytes of UTF-8 for each UTF-16 unit.
    this.room(text.length * 3)
    this.used += this.bytes.write(text, this.used, 'utf8')
    this.endString()
  }

  /** Adds the string whose UTF-8 is source[start, end). */
  addBytes(source: Uint8Array, start: number, end: number): void {
    this.room(end - start)
    // Most strings are a few dozen bytes: a loop beats the cost of set's call and of subarray's view
    // (see EncodedRowWriter.copy), and a workbook of ids has millions of them.
    if (end - start < 96) {
      const view = this.view
      let at = this.used
      for (let i = start; i < end; i++) view[at++] = source[i]!
    } else this.view.set(source.subarray(start, end), this.used)
    this.used += end - start
    this.endString()
  }

  private room(bytes: number): void {
    if (this.used + bytes > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + bytes))
      this.bytes.copy(grown, 0, 0, this.used)
      this.bytes = grown
      this.view = new Uint8Array(grown.buffer, grown.byteOffset, grown.length)
    }
  }

  private endString(): void {
    if (this.count === this.ends.length) {
      const grown = new Uint32Array(this.ends.length * 2)
      grown.set(this.ends)
      this.ends = grown
    }
    this.ends[this.count++] = this.used
  }

  /**
   * The table's bytes: string i is `buffer[startOf(i), endOf(i))`. A plain Uint8Array over them,
   * whose subarray is the engine's own (Buffer's makes a Buffer, several times slower).
   */
  get buffer(): Uint8Array {
    return this.view
  }

  /** Whether the table has a string at `index`. */
  has(index: number): boolean {
    return Number.isInteger(index) && index >= 0 && index < this.count
  }

  startOf(index: number): number {
    return index === 0 ? 0 : this.ends[index - 1]!
  }

  endOf(index: number): number {
    return this.ends[index]!
  }

  /** The string at `index`, or undefined when the table has no such entry (past its end, or not a whole number). */
  get(index: number): string | undefined {
    if (!this.has(index)) return undefined
    return this.bytes.toString('utf8', this.startOf(index), this.endOf(index))
  }
}
