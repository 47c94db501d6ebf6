// How a Casefile archive is recognised before anything is written to it.

/** PRAGMA application_id of every Casefile archive: the ASCII bytes "CSF1". */
export const CASEFILE_APPLICATION_ID = 0x43534631

export const SQLITE_MAGIC = 'SQLite format 3\u0000'

export interface SqliteHeader {
  isSqlite: boolean
  applicationId: number
  userVersion: number
  /** Bytes per page (0 when the file is not SQLite). */
  pageSize: number
}

/** Reads the fields of the 100-byte SQLite header that identify an archive (offsets from the file format spec). */
export function parseSqliteHeader(bytes: Uint8Array): SqliteHeader {
  const none = { isSqlite: false, applicationId: 0, userVersion: 0, pageSize: 0 }
  if (bytes.length < 100) return none
  const magic = new TextDecoder('latin1').decode(bytes.subarray(0, 16))
  if (magic !== SQLITE_MAGIC) return none
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // The page size is stored in two bytes; 65536 does not fit, so it is written as 1.
  const pageSize = view.getUint16(16)
  return { isSqlite: true, userVersion: view.getUint32(60), applicationId: view.getUint32(68), pageSize: pageSize === 1 ? 65536 : pageSize }
}
