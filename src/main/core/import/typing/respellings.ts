/**
 * Original spellings of numbers stored as numbers ("1.50" stored as 1.5), by rowid, for a column
 * that may yet turn out to be text. Packed: a million of them as arrays of numbers and strings took
 * ~50 MB of the reader's heap (and as much again once copied to the writer); packed they take
 * ~16 MB and cross threads by transfer.
 */
export interface Respellings {
  count: number
  rowids: Float64Array
  /** Every spelling, one after another; spelling i ends at ends[i]. */
  texts: string
  ends: Uint32Array
}

/** Spellings held as separate strings before they are joined into one; bounds the pieces alive. */
const JOIN_EVERY = 4096

export class RespellingsBuilder {
  private rowids = new Float64Array(256)
  private ends = new Uint32Array(256)
  private count = 0
  private length = 0
  private readonly joined: string[] = []
  private pending: string[] = []

  add(rowid: number, text: string): void {
    if (this.count === this.rowids.length) {
      this.rowids = grow(this.rowids, new Float64Array(this.count * 2))
      this.ends = grow(this.ends, new Uint32Array(this.count * 2))
    }
    this.length += text.length
    this.rowids[this.count] = rowid
    this.ends[this.count] = this.length
    this.count++
    this.pending.push(text)
    if (this.pending.length === JOIN_EVERY) this.flush()
  }

  build(): Respellings {
    this.flush()
    // Views, not copies: the arrays' spare room goes along, but there is never a second copy.
    return { count: this.count, rowids: this.rowids.subarray(0, this.count), texts: this.joined.join(''), ends: this.ends.subarray(0, this.count) }
  }

  private flush(): void {
    if (this.pending.length === 0) return
    this.joined.push(this.pending.join(''))
    this.pending = []
  }
}

function grow<T extends Float64Array | Uint32Array>(from: T, to: T): T {
  to.set(from)
  return to
}

/** Calls `each` with every rowid and its spelling, in the order they were added. */
export function forEachRespelling(respellings: Respellings, each: (rowid: number, text: string) => void): void {
  let start = 0
  for (let i = 0; i < respellings.count; i++) {
    const end = respellings.ends[i]!
    each(respellings.rowids[i]!, respellings.texts.slice(start, end))
    start = end
  }
}

/** The buffers to transfer when sending respellings to another thread. */
export function respellingBuffers(respellings: Respellings): ArrayBuffer[] {
  return [respellings.rowids.buffer as ArrayBuffer, respellings.ends.buffer as ArrayBuffer]
}
