// CSV fields as both the main process (dataset exports) and the window (a chart's numbers) write
// them, and the test for text a spreadsheet program would run as a formula.

import type { CellValue } from './model'

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote, a line break or edge spaces. */
export function csvField(value: CellValue): string {
  if (value === null) return ''
  const text = String(value)
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/**
 * Whether a spreadsheet program opening the CSV would take this text for a formula and may run it.
 * A sign followed only by a number's characters is a number there, and a lone "-" (the zero marker
 * of many statistical tables) is text, so neither is counted: a warning on every FOIA table that
 * uses "-" would teach people to ignore it.
 */
export function startsLikeFormula(text: string): boolean {
  if (/^[=@\t\r]/.test(text)) return true
  return /^[+-]/.test(text) && !/^[+-](?:[\d.,\s%]*|\d*\.?\d+e[+-]?\d+)$/i.test(text)
}
