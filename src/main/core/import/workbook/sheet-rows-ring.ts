import type { CellKind } from './sheet-row'
import type { ShownRowsOutput } from './xlsx-shown-cells'
import { writeUtf8 } from './write-utf8'

/**
 * A ring of blocks in shared memory through which a sheet's cells cross, as XlsxShownCells shows
 * them, from the thread that inflates and scans the sheet's XML (see sheet-rows-worker.ts) to the
 * one that finds their table and types them. A shared string crosses as its index: the table is on
 * the reading side. Each block holds thousands of cells: a record of ints for each (column, kind,
 * where its text or index lies) and the bytes, so a cell crosses with no message and no object
 * made for it.
 * A block is written whole by one thread and then read whole by the other: its state says whose it
 * is. A row too large for a block, or holding text with no UTF-8 form, crosses as a message in its
 * place (see SheetCellsMessage).
 */
export const RING_BLOCKS = 4
/** Bytes of cell values per block. */
export const BLOCK_BYTES = 1 << 20
/** Int32 slots per block: three for each row, four for each of its cells. */
export const BLOCK_INTS = 1 << 18

/** Per block: whose it is, how many rows and bytes and slots it holds, how far the sheet's XML was read, and whether it is the sheet's last. */
const CONTROL_INTS = 8
const STATE = 0
const ROWS = 1
const BYTES = 2
const INTS = 3
const READ = 4
const LAST = 5
/** How many of the block's rows crossed as messages. */
const MESSAGES = 6
/** After the blocks' control: set by the reading thread when it wants no more cells. */
const STOP = RING_BLOCKS * CONTROL_INTS

const FREE = 0
const FULL = 1

/** A row's flags: the sheet hides it; it crossed as a message. */
const HIDDEN = 1
const ROW_BY_MESSAGE = 2
/** Added to a cell's kind code when its bytes are a shared string's index as written, not its text. */
const SHARED = 256
/** What a cell kind is in a block: its index here, plus one. */
const KINDS: readonly CellKind[] = ['number', 'percent', 'date', 'text', 'boolean', 'error', 'word', 'hidden']
const KIND_CODES = Object.fromEntries(KINDS.map((kind, index) => [kind, index + 1])) as Record<CellKind, number>

/** How far through the sheet a block's cells reach, as a whole number. */
const READ_SCALE = 1_000_000

const text = new TextDecoder()

/** A cell of a row that crossed as a message: its text, or its shared string's index as written. */
export interface MessageCell {
  column: number
  kind: CellKind
  shared: boolean
  value: string
}

/** What the reading side hands a block's rows to (see SheetRowsReplay). */
export interface RingRows {
  startRow(row: number): void
  /** A cell whose text is bytes[start, end). */
  copy(column: number, kind: CellKind, bytes: Uint8Array, start: number, end: number): void
  /** A cell whose shared string's index is written as bytes[start, end). */
  shared(column: number, kind: CellKind, bytes: Uint8Array, start: number, end: number): void
  endRow(row: number, hidden: boolean): void
  /** A row that crossed as a message, in its place. */
  byMessage(): void
}

/** The messages the scanning thread sends beside the ring, in order. */
export type SheetCellsMessage =
  | { type: 'row'; row: number; hidden: boolean; cells: MessageCell[] }
  | { type: 'end'; formulasWithoutValue: number; hiddenColumns: number[] }
  /** `xml`: the sheet's text made no sense (it is damaged, or not UTF-8), as against its file failing (a checksum, a read). */
  | { type: 'error'; kind: 'input' | 'other'; xml: boolean; message: string; code: string | null; line: number | null; byteOffset: number | null }

/** Atomics.waitAsync (Node 16 and later; ES2024, past the library this project compiles against). */
const waitAsync = (Atomics as unknown as { waitAsync: (array: Int32Array, index: number, value: number) => { async: false; value: string } | { async: true; value: Promise<string> } }).waitAsync

/** The shared memory of a ring. */
export function sheetCellsRing(): SharedArrayBuffer {
  return new SharedArrayBuffer(RING_BLOCKS * (BLOCK_BYTES + 4 * BLOCK_INTS) + 4 * (RING_BLOCKS * CONTROL_INTS + 1))
}

interface RingViews {
  control: Int32Array
  bytes: Uint8Array[]
  ints: Int32Array[]
}

function viewsOf(ring: SharedArrayBuffer): RingViews {
  const bytes: Uint8Array[] = []
  const ints: Int32Array[] = []
  for (let block = 0; block < RING_BLOCKS; block++) {
    const base = block * (BLOCK_BYTES + 4 * BLOCK_INTS)
    bytes.push(new Uint8Array(ring, base, BLOCK_BYTES))
    ints.push(new Int32Array(ring, base + BLOCK_BYTES, BLOCK_INTS))
  }
  return { control: new Int32Array(ring, RING_BLOCKS * (BLOCK_BYTES + 4 * BLOCK_INTS), RING_BLOCKS * CONTROL_INTS + 1), bytes, ints }
}

/**
 * The scanning side: XlsxShownCells writes each row's cells into the current block as it shows them.
 * A row that does not fit what is left of the block moves to the next one, once the reading side
 * has freed it (this thread then waits: it only scans). `send` carries the messages in order with
 * the blocks.
 */
export class SheetCellsRingWriter implements ShownRowsOutput {
  private readonly views: RingViews
  private block = 0
  private rows = 0
  private messages = 0
  /** Bytes and slots of the block's whole rows. */
  private used = 0
  private slots = 0
  private read = 0
  /** Where the row being written begins, and how far it has come, in the block's bytes and slots. */
  private rowBytes = 0
  private rowSlots = 0
  private atBytes = 0
  private atSlots = 0
  /** The row's cells once it crosses as a message (it is too large for a block, or has text with no UTF-8 form). */
  private asMessage: MessageCell[] | null = null

  constructor(
    ring: SharedArrayBuffer,
    private readonly send: (message: SheetCellsMessage) => void
  ) {
    this.views = viewsOf(ring)
  }

  /** Whether the reading side wants no more cells (it failed, or was stopped). */
  get stopped(): boolean {
    return Atomics.load(this.views.control, STOP) !== 0
  }

  /** How far through the sheet's XML the cells written from now on lie (0 to 1). */
  progress(fraction: number): void {
    this.read = Math.round(fraction * READ_SCALE)
  }

  startRow(): void {
    this.asMessage = null
    if (this.slots + 3 > BLOCK_INTS) this.handOver(false)
    this.rowBytes = this.atBytes = this.used
    this.rowSlots = this.slots
    this.atSlots = this.slots + 3
  }

  copy(column: number, kind: CellKind, source: Uint8Array, from: number, to: number): void {
    this.add(column, KIND_CODES[kind], source, from, to, null)
  }

  text(column: number, kind: CellKind, text: string): void {
    this.add(column, KIND_CODES[kind], null, 0, 0, text)
  }

  sharedString(column: number, kind: CellKind, bytes: Uint8Array, start: number, end: number, value: string | null): void {
    if (start >= 0) this.add(column, KIND_CODES[kind] + SHARED, bytes, start, end, null)
    else this.add(column, KIND_CODES[kind] + SHARED, null, 0, 0, value ?? '')
  }

  /** A cell of kind `code` whose bytes are source[from, to), or `value` as UTF-8. */
  private add(column: number, code: number, source: Uint8Array | null, from: number, to: number, value: string | null): void {
    if (this.asMessage !== null) {
      this.asMessage.push({ column, kind: KINDS[(code & (SHARED - 1)) - 1]!, shared: code >= SHARED, value: source !== null ? text.decode(source.subarray(from, to)) : value! })
      return
    }
    const length = source !== null ? to - from : value!.length * 3
    if (this.atBytes + length > BLOCK_BYTES || this.atSlots + 4 > BLOCK_INTS) {
      if (!this.moveRow(length)) return this.add(column, code, source, from, to, value)
    }
    const target = this.views.bytes[this.block]!
    const start = this.atBytes
    let at = start
    if (source !== null) {
      if (to - from < 96) for (let i = from; i < to; i++) target[at++] = source[i]!
      else {
        target.set(source.subarray(from, to), at)
        at += to - from
      }
    } else {
      at = writeUtf8(target, at, value!)
      if (at < 0) {
        // No UTF-8 form (a lone surrogate from &#xD800;): the row crosses as a message.
        this.toMessage()
        return this.add(column, code, source, from, to, value)
      }
    }
    const ints = this.views.ints[this.block]!
    const slot = this.atSlots
    ints[slot] = column
    ints[slot + 1] = code
    ints[slot + 2] = start
    ints[slot + 3] = at
    this.atSlots = slot + 4
    this.atBytes = at
  }

  endRow(row: number, hidden: boolean): void {
    if (this.asMessage !== null) {
      this.send({ type: 'row', row, hidden, cells: this.asMessage })
      this.asMessage = null
      const ints = this.views.ints[this.block]!
      ints[this.slots] = row
      ints[this.slots + 1] = ROW_BY_MESSAGE | (hidden ? HIDDEN : 0)
      ints[this.slots + 2] = 0
      this.slots += 3
      this.rows++
      this.messages++
      return
    }
    const ints = this.views.ints[this.block]!
    ints[this.rowSlots] = row
    ints[this.rowSlots + 1] = hidden ? HIDDEN : 0
    ints[this.rowSlots + 2] = (this.atSlots - this.rowSlots - 3) / 4
    this.slots = this.atSlots
    this.used = this.atBytes
    this.rows++
  }

  /** The sheet has all been scanned: `last` (its end, or its failure) goes with the last block. */
  finish(last: Extract<SheetCellsMessage, { type: 'end' | 'error' }>): void {
    this.send(last)
    this.handOver(true)
  }

  /**
   * Moves the row begun to the start of the next block, handing this one over without it; answers
   * false when even a block of its own would not hold it with `length` more bytes (it then crosses
   * as a message).
   */
  private moveRow(length: number): boolean {
    const bytes = this.atBytes - this.rowBytes
    const slots = this.atSlots - this.rowSlots
    if (bytes + length > BLOCK_BYTES || slots + 4 > BLOCK_INTS) {
      this.toMessage()
      return false
    }
    const fromBytes = this.views.bytes[this.block]!
    const fromInts = this.views.ints[this.block]!
    const rowBytes = this.rowBytes
    const rowSlots = this.rowSlots
    this.handOver(false)
    // The block handed over keeps the bytes and slots of its whole rows only; the row's are copied on.
    this.views.bytes[this.block]!.set(fromBytes.subarray(rowBytes, rowBytes + bytes), 0)
    const ints = this.views.ints[this.block]!
    ints.set(fromInts.subarray(rowSlots, rowSlots + slots), 0)
    for (let slot = 3; slot < slots; slot += 4) {
      ints[slot + 2] = ints[slot + 2]! - rowBytes
      ints[slot + 3] = ints[slot + 3]! - rowBytes
    }
    this.rowBytes = 0
    this.rowSlots = 0
    this.atBytes = bytes
    this.atSlots = slots
    return true
  }

  /** Makes the row begun a message: its cells so far are decoded from the block, which lets them go. */
  private toMessage(): void {
    const cells: MessageCell[] = []
    const ints = this.views.ints[this.block]!
    const bytes = this.views.bytes[this.block]!
    for (let slot = this.rowSlots + 3; slot < this.atSlots; slot += 4) {
      const code = ints[slot + 1]!
      // The block is shared memory, which TextDecoder does not read: the value is copied first.
      cells.push({ column: ints[slot]!, kind: KINDS[(code & (SHARED - 1)) - 1]!, shared: code >= SHARED, value: text.decode(bytes.slice(ints[slot + 2]!, ints[slot + 3]!)) })
    }
    this.asMessage = cells
    this.atBytes = this.rowBytes
    this.atSlots = this.rowSlots
  }

  /** Hands the block over, and waits until the next one is free; `last` ends the sheet (the next starts in the next block). */
  private handOver(last: boolean): void {
    const { control } = this.views
    const base = this.block * CONTROL_INTS
    control[base + ROWS] = this.rows
    control[base + BYTES] = this.used
    control[base + INTS] = this.slots
    control[base + READ] = this.read
    control[base + LAST] = last ? 1 : 0
    control[base + MESSAGES] = this.messages
    Atomics.store(control, base + STATE, FULL)
    Atomics.notify(control, base + STATE)
    this.block = (this.block + 1) % RING_BLOCKS
    this.rows = this.messages = this.used = this.slots = 0
    this.rowBytes = this.rowSlots = this.atBytes = this.atSlots = 0
    // The next block is free once the reader has taken its cells; a reader that stopped takes none.
    const next = this.block * CONTROL_INTS + STATE
    while (Atomics.load(control, next) === FULL && !this.stopped) Atomics.wait(control, next, FULL, 1000)
  }
}

/** The reading side: blocks taken in order, as soon as each is full, their cells handed to a SheetCells. */
export class SheetCellsRingReader {
  private readonly views: RingViews
  private block = 0
  private readonly bytes = Buffer.allocUnsafeSlow(BLOCK_BYTES)
  private readonly ints = new Int32Array(BLOCK_INTS)

  constructor(ring: SharedArrayBuffer) {
    this.views = viewsOf(ring)
  }

  /** Tells the scanning side to stop: it is let out of any wait for room. */
  stop(): void {
    Atomics.store(this.views.control, STOP, 1)
    for (let block = 0; block < RING_BLOCKS; block++) Atomics.notify(this.views.control, block * CONTROL_INTS + STATE)
  }

  /** Resolves once the next block is full (true), or `woken` resolves first with it not full (false). */
  async whenFull(woken: Promise<void>): Promise<boolean> {
    const index = this.block * CONTROL_INTS + STATE
    if (Atomics.load(this.views.control, index) === FULL) return true
    const wait = waitAsync(this.views.control, index, FREE)
    if (!wait.async) return true
    await Promise.race([wait.value, woken])
    return Atomics.load(this.views.control, index) === FULL
  }

  /** How many rows of the next block, which must be full, crossed as messages: they must have come before it is taken. */
  messagesOfNext(): number {
    return this.views.control[this.block * CONTROL_INTS + MESSAGES]!
  }

  /**
   * Takes the next block, which must be full (see whenFull): its rows go to `rows`, those that
   * crossed as messages in their places. The block is copied and freed first, so that the scanning
   * side goes on at once; the bytes `rows` is handed are lent until the next block is taken.
   */
  take(rows: RingRows): { read: number; last: boolean } {
    const { control } = this.views
    const base = this.block * CONTROL_INTS
    const rowCount = control[base + ROWS]!
    const used = control[base + BYTES]!
    const slots = control[base + INTS]!
    const read = control[base + READ]! / READ_SCALE
    const last = control[base + LAST] === 1
    // Into buffers of this side's own, reused from block to block: the rows' reader copies what it
    // keeps (a block's worth of garbage for each block cost ~50 MB of peak memory).
    const bytes = this.bytes
    const ints = this.ints
    bytes.set(this.views.bytes[this.block]!.subarray(0, used))
    ints.set(this.views.ints[this.block]!.subarray(0, slots))
    Atomics.store(control, base + STATE, FREE)
    Atomics.notify(control, base + STATE)
    this.block = (this.block + 1) % RING_BLOCKS
    let slot = 0
    for (let r = 0; r < rowCount; r++) {
      const row = ints[slot]!
      const flags = ints[slot + 1]!
      const count = ints[slot + 2]!
      slot += 3
      if (flags & ROW_BY_MESSAGE) {
        rows.byMessage()
        continue
      }
      rows.startRow(row)
      for (let k = 0; k < count; k++) {
        const code = ints[slot + 1]!
        if (code >= SHARED) rows.shared(ints[slot]!, KINDS[code - SHARED - 1]!, bytes, ints[slot + 2]!, ints[slot + 3]!)
        else rows.copy(ints[slot]!, KINDS[code - 1]!, bytes, ints[slot + 2]!, ints[slot + 3]!)
        slot += 4
      }
      rows.endRow(row, (flags & HIDDEN) !== 0)
    }
    return { read, last }
  }
}
