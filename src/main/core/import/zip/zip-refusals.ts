// The zip library (yauzl) says what went wrong in its own terms ("End of central directory record
// signature not found", "invalid central directory file header signature: 0x0"): true, but no help
// to someone holding a spreadsheet. Its errors become one plain line that names the file, says what
// is wrong with it and what to do; the library's words stay on the error as its `cause`.
import { reasonOf } from '../../plain-failure'
import { ImportInputError } from '../row-sink'

/** What kind of package a file should be, as refusals name it, and the programs that save it again. */
export interface PackageKind {
  /** "an Excel workbook (.xlsx)" */
  what: string
  /** "Excel or LibreOffice" */
  program: string
  /** ".xlsx": the name a package of this kind is saved under, to tell it from the other kinds. */
  extension: string
}

export function withCause(message: string, cause: unknown): ImportInputError {
  const error = new ImportInputError(message, null, null)
  error.cause = cause
  return error
}

export function systemCode(error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code
  return typeof code === 'string' ? code : null
}

/** The refusal of a file whose zip directory cannot be read (or the file itself cannot be opened). */
export function zipDirectoryRefusal(fileName: string, kind: PackageKind, error: unknown): ImportInputError {
  if (systemCode(error) !== null) return withCause(`${fileName} cannot be read (${reasonOf(error)}); nothing was imported.`, error)
  const message = error instanceof Error ? error.message : String(error)
  if (/strong encryption/i.test(message)) return withCause(`${fileName} is password-protected; open it, save a copy without a password and import that.`, error)
  // yauzl looks for the directory's end record at the end of the file: without it the file was cut short.
  const what = /end of central directory record signature not found/i.test(message)
    ? 'its zip directory is missing, as when a download or copy stops early'
    : 'its zip directory is damaged'
  return withCause(
    `${fileName} is not a complete ${kind.what.replace(/^an? /, '')}: ${what}; nothing was imported. Open it in ${kind.program} and save it again, or download or copy it again.`,
    error
  )
}

/** A kind of file often saved or served under an Office name, and what to do with one. */
export interface OtherFileKind {
  /** "a PDF document" */
  is: string
  /** A sentence that starts with a space, or ''. */
  fix: string
}

/** Casefile reads no text from pictures but a scanned PDF's. */
const PICTURE_FIX = ' Find the file itself (or a PDF of it) and import that.'

export const WEB_PAGE: OtherFileKind = { is: 'a web page (HTML)', fix: ' Rename it to .html and import that.' }

export const PDF_DOCUMENT: OtherFileKind = { is: 'a PDF document', fix: ' Rename it to .pdf and import that.' }

const OTHER_KINDS: { test: (head: Buffer) => boolean; kind: OtherFileKind }[] = [
  // Readers accept a PDF's header anywhere in its first 1,024 bytes.
  { test: (head) => head.subarray(0, 1024).includes('%PDF-'), kind: PDF_DOCUMENT },
  { test: (head) => head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), kind: { is: 'a PNG picture', fix: PICTURE_FIX } },
  { test: (head) => head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff, kind: { is: 'a JPEG picture', fix: PICTURE_FIX } },
  { test: (head) => head.subarray(0, 5).toString('latin1') === '{\\rtf', kind: { is: 'an RTF document', fix: ' Open it in a word processor, save it as .docx and import that.' } },
  { test: (head) => /^\s*<(!doctype html|html)[\s>]/i.test(head.subarray(0, 1024).toString('latin1')), kind: WEB_PAGE }
]

/**
 * What a file that is not a zip is, when its first bytes say so (a PDF or a picture saved under a
 * workbook's name, as some download links do); null when they do not. A web page is no other kind
 * when `webPageWelcome`: an .xls may be an HTML table.
 */
export function otherFileKind(head: Buffer, webPageWelcome: boolean): OtherFileKind | null {
  const found = OTHER_KINDS.find((candidate) => candidate.test(head))?.kind ?? null
  return found === WEB_PAGE && webPageWelcome ? null : found
}

export const DELIMITED_TEXT: OtherFileKind = { is: 'delimited text (CSV)', fix: ' Rename it to .csv and import that.' }
export const PLAIN_TEXT: OtherFileKind = { is: 'plain text', fix: ' Rename it to .txt and import that.' }

/**
 * Text saved under a package's name (a CSV export named .xlsx, notes named .docx): delimited when
 * its first two lines split alike on a comma, tab, semicolon or bar, else plain; null when the
 * first bytes are not UTF-8 text without control characters.
 */
export function textKind(head: Buffer): OtherFileKind | null {
  // The last character may be cut by the end of the sample.
  const text = head.subarray(0, Math.max(0, head.length - 3)).toString('utf8')
  if (text.trim() === '' || /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text)) return null
  const [first = '', second] = text.split(/\r?\n/)
  const delimited = second !== undefined && [',', '\t', ';', '|'].some((mark) => first.split(mark).length > 1 && first.split(mark).length === second.split(mark).length)
  return delimited ? DELIMITED_TEXT : PLAIN_TEXT
}

export function otherKindRefusal(fileName: string, what: string, other: OtherFileKind): ImportInputError {
  return new ImportInputError(`${fileName} is ${other.is}, not ${what}; nothing was imported.${other.fix}`, null, null)
}

/** The refusal of a file that is not a zip at all: what it is, when its first bytes say so, or else that it is not a package. */
export function notAPackageRefusal(fileName: string, kind: PackageKind, head: Buffer): ImportInputError {
  const other = otherFileKind(head, false) ?? textKind(head)
  if (other !== null) return otherKindRefusal(fileName, kind.what, other)
  return new ImportInputError(`${fileName} is not ${kind.what} (it is not a zip package; it may be damaged or another kind of file); nothing was imported.`, null, null)
}

/**
 * An Office package kind told by a part only it has (Office Open XML) or by its `mimetype` entry
 * (OpenDocument), and the family Casefile reads it as: a text is an article, a spreadsheet a dataset;
 * null for kinds it does not read.
 */
export interface KnownPackage {
  extension: string
  is: string
  marker: { part: string } | { mimetype: string }
  family: 'text' | 'spreadsheet' | null
}

const KNOWN_PACKAGES: KnownPackage[] = [
  { extension: '.docx', is: 'a Word document', marker: { part: 'word/document.xml' }, family: 'text' },
  { extension: '.xlsx', is: 'an Excel workbook', marker: { part: 'xl/workbook.xml' }, family: 'spreadsheet' },
  { extension: '.xlsb', is: 'an Excel binary workbook', marker: { part: 'xl/workbook.bin' }, family: null },
  { extension: '.pptx', is: 'a PowerPoint presentation', marker: { part: 'ppt/presentation.xml' }, family: null },
  { extension: '.odt', is: 'an OpenDocument text', marker: { mimetype: 'application/vnd.oasis.opendocument.text' }, family: 'text' },
  { extension: '.ods', is: 'an OpenDocument spreadsheet', marker: { mimetype: 'application/vnd.oasis.opendocument.spreadsheet' }, family: 'spreadsheet' },
  { extension: '.odp', is: 'an OpenDocument presentation', marker: { mimetype: 'application/vnd.oasis.opendocument.presentation' }, family: null }
]

/** Which known kind a package is by its parts and its OpenDocument `mimetype` entry (null without one); null when none. */
export function knownPackageOf(parts: ReadonlySet<string>, mimetype: string | null): KnownPackage | null {
  return KNOWN_PACKAGES.find((known) => ('part' in known.marker ? parts.has(known.marker.part) : mimetype === known.marker.mimetype)) ?? null
}

/**
 * The refusal of a package that is plainly another kind of Office file than its name says, and not
 * one read the same way (a Word document named .xlsx, a spreadsheet named .odt), as mislabelled
 * downloads are: without it the reader would say the workbook "has no worksheet", true but no
 * help. Null when the package is of `kind`'s family (an .xlsx named .ods is read as the .xlsx it is)
 * or of no kind its parts tell (`actual`, see knownPackageOf).
 */
export function otherPackageRefusal(fileName: string, kind: PackageKind, actual: KnownPackage | null): ImportInputError | null {
  if (actual === null || actual.extension === kind.extension) return null
  const expected = KNOWN_PACKAGES.find((known) => known.extension === kind.extension)
  if (actual.family !== null && actual.family === expected?.family) return null
  return packageRefusal(fileName, kind.what, actual)
}

/** "x.csv is a Word document (.docx), not delimited text; …": what the package is, and what to do with it. */
export function packageRefusal(fileName: string, what: string, actual: KnownPackage): ImportInputError {
  const fix =
    actual.family !== null
      ? `Rename it to ${actual.extension} and import that.`
      : actual.extension === '.xlsb'
        ? 'Open it in Excel, save it as .xlsx and import that.'
        : 'Casefile does not read presentations; save it as PDF and import that.'
  return new ImportInputError(`${fileName} is ${actual.is} (${actual.extension}), not ${what}; nothing was imported. ${fix}`, null, null)
}
