// Removing a chip edits the query text itself, so the search box and the chips never disagree.

import { readQuery } from './read-query'

/** The query text without the chip's source slice; unchanged when no such chip exists. */
export function removeChip(input: string, chipId: string): string {
  const span = readQuery(input).spans.get(chipId)
  if (span === undefined) return input
  const before = input.slice(0, span.start).replace(/\s+$/, '')
  const after = input.slice(span.end).replace(/^\s+/, '')
  const glue = before === '' || after === '' || before.endsWith('(') || after.startsWith(')') ? '' : ' '
  return before + glue + after
}
