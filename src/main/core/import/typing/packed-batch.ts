import { VALUE_INTEGER, VALUE_REAL, VALUE_TEXT, type StoredValue } from './column-typer'

/**
 * A batch of typed rows in a form that crosses threads cheaply: typed arrays are transferred, not
 * copied, and all text travels as one string. The writer turns it back into bind parameters.
 */
export interface PackedBatch {
  rows: number
  width: number
  /** Per value: VALUE_NULL, VALUE_INTEGER, VALUE_REAL or VALUE_TEXT. */
  kinds: Uint8Array
  numbers: Float64Array
  text: string
  /** End offset in `text` of each text value, in order. */
  textEnds: Uint32Array
}

/** Calls `row` with each row's values, reusing one array (the callee must not keep it). */
export function forEachPackedRow(batch: PackedBatch, row: (values: StoredValue[]) => void): void {
  const values = new Array<StoredValue>(batch.width)
  const { kinds, numbers, text, textEnds } = batch
  let index = 0
  let textIndex = 0
  let textStart = 0
  for (let r = 0; r < batch.rows; r++) {
    for (let position = 0; position < batch.width; position++, index++) {
      const kind = kinds[index]
      if (kind === VALUE_INTEGER) values[position] = BigInt(numbers[index]!)
      else if (kind === VALUE_REAL) values[position] = numbers[index]!
      else if (kind === VALUE_TEXT) {
        const end = textEnds[textIndex++]!
        values[position] = text.slice(textStart, end)
        textStart = end
      } else values[position] = null
    }
    row(values)
  }
}

export function transferablesOf(batch: PackedBatch): ArrayBuffer[] {
  return [batch.kinds.buffer as ArrayBuffer, batch.numbers.buffer as ArrayBuffer, batch.textEnds.buffer as ArrayBuffer]
}
