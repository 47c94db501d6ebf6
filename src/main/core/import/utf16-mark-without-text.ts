/** A reason is found within this many bytes after the mark; a longer file is judged by its start. */
const LOOKED_AT = 64 * 1024

/**
 * Why bytes that follow a UTF-16 byte-order mark are not UTF-16 text, or null when they may be.
 * Two signs: an odd number of bytes in a whole file (UTF-16 is two bytes a character; the last byte
 * is half of one), and bytes that are all NULs and printable ASCII while not one of the characters
 * they make is ASCII. A table or text in UTF-16 has ASCII characters (a line break, a comma, a
 * digit), and those have a NUL byte in the high half; bytes "ff fe 00 67 61 72 …" read as four CJK
 * characters with no line break, where what follows the mark is the ASCII word "garbage": a stray
 * mark in front of other bytes, not text to import. (Text of CJK characters alone whose every byte
 * happens to be printable ASCII, with no line break at all, is refused too: a price of the rule.)
 */
export function utf16MarkWithoutText(body: Uint8Array, order: 'utf-16le' | 'utf-16be', wholeFile: boolean): string | null {
  if (wholeFile && body.length % 2 === 1) return `it holds an odd number of bytes after the mark (${body.length.toLocaleString('en-US')}), and UTF-16 has two a character`
  const length = Math.min(body.length, LOOKED_AT) & ~1
  if (length === 0) return null
  const high = order === 'utf-16le' ? 1 : 0
  let printable = ''
  for (let at = 0; at < length; at += 2) {
    // A character below U+0080 (its high byte NUL): the text has ASCII, as UTF-16 text does.
    if (body[at + high] === 0 && body[at + 1 - high]! < 0x80) return null
    for (const byte of [body[at]!, body[at + 1]!]) {
      if (byte !== 0 && (byte < 0x20 || byte > 0x7e) && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return null
      if (byte !== 0 && printable.length < 40) printable += String.fromCharCode(byte)
    }
  }
  return `its bytes are the plain ASCII text “${printable.trim()}”, not UTF-16 characters`
}
