/**
 * How many bytes at the end of `bytes` begin a UTF-8 character that is not complete yet: a reader
 * keeps them back and puts them in front of the next read, so each piece decodes on its own.
 * Invalid bytes are not judged here; the validator that runs next reports them.
 */
export function incompleteUtf8Tail(bytes: Uint8Array, end: number): number {
  for (let back = 1; back <= 3 && back <= end; back++) {
    const byte = bytes[end - back]!
    if ((byte & 0xc0) === 0x80) continue
    if (byte < 0xc0) return 0
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2
    return length > back ? back : 0
  }
  return 0
}
