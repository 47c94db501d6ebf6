import { ImportInputError } from '../row-sink'
import { containerOf, containerOfBytes, ZipPackage } from './zip-package'
import { knownPackageOf, notAPackageRefusal, otherPackageRefusal, type PackageKind } from './zip-refusals'

/** An OpenDocument `mimetype` entry is one short line; a longer one is no kind's. */
const MAX_MIMETYPE = 256

/** An opened package and the kind its parts say it is ('.xlsx', '.odt'…; null when they do not tell). */
export interface OfficePackage {
  zip: ZipPackage
  extension: string | null
}

/**
 * Opens an Office Open XML or OpenDocument file (.docx, .xlsx, .odt, .ods…), on disk or already
 * read, as its zip package.
 * A file saved with a password, an older binary format under a new name, another kind of Office
 * file under this kind's name and anything else that is not a zip get a one-line refusal that says
 * which. A package of the same family under the other format's name (an .xlsx named .ods) is
 * opened, and its `extension` says what to read it as.
 */
export async function openOfficePackage(source: string | Buffer, fileName: string, kind: PackageKind): Promise<OfficePackage> {
  const { container, encrypted, head } = typeof source === 'string' ? await containerOf(source) : containerOfBytes(source)
  if (encrypted) throw new ImportInputError(`${fileName} is password-protected; open it, save a copy without a password and import that.`, null, null)
  if (container === 'compound') {
    throw new ImportInputError(`${fileName} is in an older binary format, not ${kind.what}; open it and save it as ${kind.what}, then import that.`, null, null)
  }
  if (container === 'other') throw notAPackageRefusal(fileName, kind, head)
  const zip = await ZipPackage.open(source, fileName, kind)
  try {
    const mimetype = zip.has('mimetype') && zip.sizeOf('mimetype') <= MAX_MIMETYPE ? ((await zip.text('mimetype')) ?? '').trim() : null
    const actual = knownPackageOf(new Set(zip.names()), mimetype)
    const other = otherPackageRefusal(fileName, kind, actual)
    if (other !== null) throw other
    return { zip, extension: actual?.extension ?? null }
  } catch (error) {
    zip.close()
    throw error
  }
}
