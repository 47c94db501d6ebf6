/** How much of the file's start is inspected, and what share of NUL bytes marks it as binary. */
const INSPECTED_BYTES = 8192
const NUL_SHARE = 0.1

/**
 * True for files that are plainly not text (images, spreadsheets, archives). A few NULs do not
 * count: EOIR's text exports contain some, and they must still import. UTF-16 text is half NULs,
 * so callers skip this check when the encoding is UTF-16.
 */
export function looksBinary(sample: Uint8Array): boolean {
  const end = Math.min(sample.length, INSPECTED_BYTES)
  let nuls = 0
  for (let i = 0; i < end; i++) if (sample[i] === 0) nuls++
  return end > 0 && nuls > end * NUL_SHARE
}
