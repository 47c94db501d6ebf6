/** How far from "/Subtype /Image" the rest of a picture's dictionary (its /Width and /Height) may lie. */
const DICTIONARY_REACH = 4096
const SUBTYPE = '/Subtype'
const IMAGE = '/Image'

export interface PictureSize {
  width: number
  height: number
}

/**
 * The sizes of the pictures (image XObjects) in a PDF that hold more than `maxPixels` pixels, read
 * from the file's bytes without decoding anything. A picture is a stream, and a stream's dictionary
 * is never compressed (object streams cannot hold streams) nor encrypted (only its data and strings
 * are), so every picture's /Width and /Height stand in the bytes as written. A size given by
 * reference ("/Width 12 0 R") is not followed: pdf.js still refuses to decode such a picture; only
 * the warning then lacks its size.
 */
export function oversizedPictures(bytes: Uint8Array, maxPixels: number): PictureSize[] {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
  const found: PictureSize[] = []
  for (let at = file.indexOf(IMAGE, 0, 'latin1'); at >= 0; at = file.indexOf(IMAGE, at + IMAGE.length, 'latin1')) {
    // "/ImageMask", "/ImageB" and the like are other names.
    if (isNameCharacter(file[at + IMAGE.length])) continue
    const before = file.subarray(Math.max(0, at - DICTIONARY_REACH), at).toString('latin1')
    if (!before.trimEnd().endsWith(SUBTYPE)) continue
    // The dictionary began after its object's "obj" and ends before "stream" (or "endobj").
    const opened = before.lastIndexOf('obj')
    const after = file.subarray(at, Math.min(file.length, at + DICTIONARY_REACH)).toString('latin1')
    const closed = after.search(/stream|endobj/)
    const dictionary = before.slice(opened < 0 ? 0 : opened) + (closed < 0 ? after : after.slice(0, closed))
    const width = /\/Width\s+(\d+)(?!\d|\s+\d+\s+R)/.exec(dictionary)
    const height = /\/Height\s+(\d+)(?!\d|\s+\d+\s+R)/.exec(dictionary)
    if (width === null || height === null) continue
    const size = { width: Number(width[1]), height: Number(height[1]) }
    if (size.width * size.height > maxPixels) found.push(size)
  }
  return found
}

/** Characters that continue a PDF name: anything but white space and the delimiters. */
function isNameCharacter(byte: number | undefined): boolean {
  if (byte === undefined) return false
  return !' \t\r\n\f\0()<>[]{}/%'.includes(String.fromCharCode(byte))
}
