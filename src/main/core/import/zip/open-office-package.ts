import { ImportInputError } from '../row-sink'
import { containerOf, containerOfBytes, ZipPackage } from './zip-package'
import { notAPackageRefusal, type PackageKind } from './zip-refusals'

/**
 * Opens an Office Open XML or OpenDocument file (.docx, .xlsx, .odt, .ods…), on disk or already
 * read, as its zip package.
 * A file saved with a password, an older binary format under a new name and anything else that is
 * not a zip get a one-line refusal that says which.
 */
export async function openOfficePackage(source: string | Buffer, fileName: string, kind: PackageKind): Promise<ZipPackage> {
  const { container, encrypted, head } = typeof source === 'string' ? await containerOf(source) : containerOfBytes(source)
  if (encrypted) throw new ImportInputError(`${fileName} is password-protected; open it, save a copy without a password and import that.`, null, null)
  if (container === 'compound') {
    throw new ImportInputError(`${fileName} is in an older binary format, not ${kind.what}; open it and save it as ${kind.what}, then import that.`, null, null)
  }
  if (container === 'other') throw notAPackageRefusal(fileName, kind, head)
  return ZipPackage.open(source, fileName, kind)
}
