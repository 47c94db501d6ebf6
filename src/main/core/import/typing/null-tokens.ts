/** Cells a null token emptied in one column: what the person is told after the import. */
export interface EmptiedCount {
  position: number
  token: string
  cells: number
}

/**
 * The texts the person chose to read as empty cells (`--null-token`, or the import options), matched
 * against whole cells — quoted or not, in any file — and counted per column, so the choice is
 * reported and never silent. With no tokens chosen, nothing is ever emptied.
 */
export class NullTokens {
  private readonly tokens: string[]
  private readonly utf8: Buffer[]
  /** Bit n is set when a token is n UTF-16 units long (31: 31 or more); lengths rule most cells out. */
  private readonly textLengths: number
  /** The same by UTF-8 byte length. */
  private readonly byteLengths: number
  /** cells[position * tokens + k]: cells of column `position` emptied by token k. */
  private readonly cells: number[] = []

  constructor(tokens: readonly string[]) {
    // An empty field is already an empty cell; it is not a token.
    this.tokens = [...new Set(tokens.filter((token) => token !== ''))]
    this.utf8 = this.tokens.map((token) => Buffer.from(token, 'utf8'))
    this.textLengths = this.tokens.reduce((mask, token) => mask | lengthBit(token.length), 0)
    this.byteLengths = this.utf8.reduce((mask, token) => mask | lengthBit(token.length), 0)
  }

  /** False when no token was chosen: callers skip every check. */
  get any(): boolean {
    return this.tokens.length > 0
  }

  /** Which token `value` is (its index), or -1. */
  match(value: string): number {
    if ((this.textLengths & lengthBit(value.length)) === 0) return -1
    return this.tokens.indexOf(value)
  }

  /** `match` for a cell given as UTF-8 bytes `bytes[start, end)`. */
  matchUtf8(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start
    if ((this.byteLengths & lengthBit(length)) === 0) return -1
    tokens: for (let k = 0; k < this.utf8.length; k++) {
      const token = this.utf8[k]!
      if (token.length !== length) continue
      for (let i = 0; i < length; i++) if (bytes[start + i] !== token[i]) continue tokens
      return k
    }
    return -1
  }

  /** Counts one cell of column `position` emptied by token `k`. */
  count(position: number, k: number): void {
    const at = position * this.tokens.length + k
    while (this.cells.length <= at) this.cells.push(0)
    this.cells[at]!++
  }

  /** Every column and token that emptied cells, by column, then in the order the tokens were given. */
  counts(): EmptiedCount[] {
    const counts: EmptiedCount[] = []
    this.cells.forEach((cells, at) => {
      if (cells > 0) counts.push({ position: Math.floor(at / this.tokens.length), token: this.tokens[at % this.tokens.length]!, cells })
    })
    return counts
  }
}

function lengthBit(length: number): number {
  return 1 << Math.min(length, 31)
}
