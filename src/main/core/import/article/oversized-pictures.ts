/** How far from "/Subtype /Image" the rest of a picture's dictionary (its /Width and /Height) may lie. */
const DICTIONARY_REACH = 4096
const SUBTYPE = '/Subtype'
const IMAGE = '/Image'

export interface PictureSize {
  width: number
  height: number
}

/**
 * The sizes of the pictures (image XObjects) in a PDF that hold more than `maxPixels` pixels (see
 * pictureDictionaries), from their /Width and /Height as written. A size given by
 * reference ("/Width 12 0 R") is not followed: pdf.js still refuses to decode such a picture; only
 * the warning then lacks its size.
 */
export function oversizedPictures(bytes: Uint8Array, maxPixels: number): PictureSize[] {
  const found: PictureSize[] = []
  for (const dictionary of pictureDictionaries(bytes)) {
    const width = /\/Width\s+(\d+)(?!\d|\s+\d+\s+R)/.exec(dictionary)
    const height = /\/Height\s+(\d+)(?!\d|\s+\d+\s+R)/.exec(dictionary)
    if (width === null || height === null) continue
    const size = { width: Number(width[1]), height: Number(height[1]) }
    if (size.width * size.height > maxPixels) found.push(size)
  }
  return found
}

/** How a PDF's pictures are stored, as the user knows the encodings (JBIG2, CCITT fax…), read as pictureDictionaries are. */
export function pictureEncodings(bytes: Uint8Array): Set<string> {
  const found = new Set<string>()
  for (const dictionary of pictureDictionaries(bytes)) {
    for (const [filter, name] of ENCODINGS) if (filter.test(dictionary)) found.add(name)
  }
  return found
}

const ENCODINGS: readonly [RegExp, string][] = [
  [/\/JBIG2Decode\b/, 'JBIG2'],
  [/\/CCITTFaxDecode\b/, 'CCITT fax'],
  [/\/JPXDecode\b/, 'JPEG 2000'],
  [/\/DCTDecode\b/, 'JPEG']
]

/**
 * The dictionaries of the pictures (image XObjects) in a PDF, read from the file's bytes without
 * decoding anything. A picture is a stream, and a stream's dictionary is never compressed (object
 * streams cannot hold streams) nor encrypted (only its data and strings are), so every picture's
 * dictionary stands in the bytes as written.
 */
function* pictureDictionaries(bytes: Uint8Array): Generator<string> {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
  for (let at = file.indexOf(IMAGE, 0, 'latin1'); at >= 0; at = file.indexOf(IMAGE, at + IMAGE.length, 'latin1')) {
    // "/ImageMask", "/ImageB" and the like are other names.
    if (isNameCharacter(file[at + IMAGE.length])) continue
    const before = file.subarray(Math.max(0, at - DICTIONARY_REACH), at).toString('latin1')
    if (!before.trimEnd().endsWith(SUBTYPE)) continue
    // The dictionary began after its object's "obj" and ends before "stream" (or "endobj").
    const opened = before.lastIndexOf('obj')
    const after = file.subarray(at, Math.min(file.length, at + DICTIONARY_REACH)).toString('latin1')
    const closed = after.search(/stream|endobj/)
    yield before.slice(opened < 0 ? 0 : opened) + (closed < 0 ? after : after.slice(0, closed))
  }
}

/** Characters that continue a PDF name: anything but white space and the delimiters. */
function isNameCharacter(byte: number | undefined): boolean {
  if (byte === undefined) return false
  return !' \t\r\n\f\0()<>[]{}/%'.includes(String.fromCharCode(byte))
}
