const encoder = new TextEncoder()

/**
 * Writes `text` as UTF-8 into `bytes` at `at`, which has room for three bytes for each of its UTF-16
 * units; returns where it ends, or -1 when it holds a lone surrogate (which has no UTF-8 form).
 */
export function writeUtf8(bytes: Uint8Array, at: number, text: string): number {
  const length = text.length
  let i = 0
  // Most cells are ASCII: copied by hand, which beats encodeInto's call for a few characters.
  for (; i < length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0x80) break
    bytes[at++] = code
  }
  if (i === length) return at
  for (let j = i; j < length; j++) {
    const code = text.charCodeAt(j)
    if (code < 0xd800 || code > 0xdfff) continue
    const next = text.charCodeAt(j + 1)
    if (code > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return -1
    j++
  }
  const { written } = encoder.encodeInto(i === 0 ? text : text.slice(i), bytes.subarray(at))
  return at + written
}
