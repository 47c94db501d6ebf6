import { inflateRawSync } from 'node:zlib'
import { ImportInputError } from './row-sink'
import { knownPackageOf, otherFileKind, otherKindRefusal, packageRefusal, PDF_DOCUMENT } from './zip/zip-refusals'

export const LOCAL_ENTRY = Buffer.from('PK\x03\x04', 'latin1')
/** Where a zip's local entry header keeps its sizes and name (APPNOTE 4.3.7). */
const COMPRESSED_SIZE_AT = 18
const NAME_LENGTH_AT = 26
const EXTRA_LENGTH_AT = 28
const NAME_AT = 30
const METHOD_AT = 8
const DEFLATED = 8

/**
 * The refusal of a file named as text (.csv, .txt, .json…) whose first bytes say it is a kind of
 * file Casefile knows as something else: an Office package, a zip, a PDF, a picture, an RTF or a web
 * page, as mislabelled downloads are. Without it such a file was read as Windows-1252 text, and a
 * PDF or a workbook became a dataset or an article of markup and compressed bytes. `what` names what
 * the file should have been ("delimited text"). Null when nothing in `head` says so.
 */
export function notTextRefusal(fileName: string, what: string, head: Buffer, webPageWelcome: boolean): ImportInputError | null {
  if (head.subarray(0, LOCAL_ENTRY.length).equals(LOCAL_ENTRY)) {
    const { parts, mimetype } = zipEntriesIn(head)
    const known = knownPackageOf(parts, mimetype)
    if (known !== null) return packageRefusal(fileName, what, known)
    // An Office package whose telling part lies past the first bytes.
    if (parts.has('[Content_Types].xml')) {
      return new ImportInputError(`${fileName} is an Office file (a zip package), not ${what}; nothing was imported. Rename it to what it is (.xlsx, .docx) and import that.`, null, null)
    }
    return new ImportInputError(`${fileName} is a zip archive, not ${what}; nothing was imported. Unzip it and import the files it holds.`, null, null)
  }
  const other = otherFileKind(head, webPageWelcome)
  // Text may quote "%PDF-" near its start (a note on PDF versions); a PDF saved as text starts with it.
  if (other === null || (other === PDF_DOCUMENT && head.indexOf('%PDF-') !== 0)) return null
  return otherKindRefusal(fileName, what, other)
}

/**
 * The entries named by the local headers in the first bytes of a zip, and the OpenDocument
 * `mimetype` entry's text (stored uncompressed, first, by the standard). The central directory at
 * the file's end says more, but the first entries are where Office and LibreOffice put the parts
 * that tell the kinds apart, and a text reader has only the file's start.
 */
export function zipEntriesIn(head: Buffer): { parts: Set<string>; mimetype: string | null } {
  const parts = new Set<string>()
  let mimetype: string | null = null
  for (let at = head.indexOf(LOCAL_ENTRY); at >= 0 && at + NAME_AT <= head.length; at = head.indexOf(LOCAL_ENTRY, at + 1)) {
    const nameEnd = at + NAME_AT + head.readUInt16LE(at + NAME_LENGTH_AT)
    if (nameEnd > head.length) break
    const name = head.toString('latin1', at + NAME_AT, nameEnd)
    parts.add(name)
    if (name === 'mimetype' && mimetype === null) {
      const start = nameEnd + head.readUInt16LE(at + EXTRA_LENGTH_AT)
      const end = start + head.readUInt32LE(at + COMPRESSED_SIZE_AT)
      if (end <= head.length) mimetype = entryText(head.subarray(start, end), head.readUInt16LE(at + METHOD_AT))
    }
  }
  return { parts, mimetype }
}

/** A small entry's text: stored as the standard asks, or deflated as some zip writers store every entry; null when neither. */
function entryText(data: Buffer, method: number): string | null {
  if (method !== DEFLATED) return data.toString('latin1')
  try {
    return inflateRawSync(data, { maxOutputLength: 1024 }).toString('latin1')
  } catch {
    return null
  }
}
