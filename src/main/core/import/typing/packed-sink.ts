import type { ReaderWarning } from '../row-sink'
import type { PackedBatch } from './packed-batch'

/** The writer's side of the pipeline: rows arrive already typed and packed. */
export interface PackedSink {
  columns(labels: string[]): void
  addColumns(labels: string[]): void
  batch(batch: PackedBatch): void
  /** Spellings of numbers in rows already given, as JSON [[rowid, position, "text"], …]. */
  spellings(json: string): void
  warning(warning: ReaderWarning): void
  progress(bytesRead: number): void
}
