import * as XLSX from '@e965/xlsx'

/** BIFF record types read here: the workbook's WRITEACCESS (who saved it) and the end of its globals. */
const WRITEACCESS = 0x005c
const EOF_RECORD = 0x000a
/** WRITEACCESS comes among the first records of the workbook globals; no need to read further. */
const RECORDS_LOOKED_AT = 64

/**
 * Whether an Excel 97–2003 workbook (BIFF8, in a compound file) was saved by LibreOffice (or
 * OpenOffice) Calc. Its .xls writer names no program anywhere but in the WRITEACCESS record, where
 * Excel writes the name of the person who saved the file and Calc always writes "Calc". That
 * matters for its dates: Calc writes serials by its own count of days (see excelSerialOfPlainCount).
 */
export function xlsSavedByLibreOffice(bytes: Buffer): boolean {
  let stream: Buffer
  try {
    const container = XLSX.CFB.read(bytes, { type: 'buffer' })
    const entry = XLSX.CFB.find(container, 'Workbook') ?? XLSX.CFB.find(container, 'Book')
    if (entry === null || entry.content === undefined) return false
    stream = Buffer.from(entry.content as Uint8Array)
  } catch {
    return false
  }
  let at = 0
  for (let records = 0; records < RECORDS_LOOKED_AT && at + 4 <= stream.length; records++) {
    const type = stream.readUInt16LE(at)
    const length = stream.readUInt16LE(at + 2)
    if (type === EOF_RECORD) return false
    if (type === WRITEACCESS && length >= 3) {
      // An XLUnicodeString: its length in characters, a byte of flags (bit 0: two bytes a character), the characters.
      const characters = stream.readUInt16LE(at + 4)
      const wide = (stream[at + 6]! & 1) === 1
      const start = at + 7
      const end = Math.min(at + 4 + length, start + characters * (wide ? 2 : 1))
      const name = stream.subarray(start, end).toString(wide ? 'utf16le' : 'latin1')
      return name.trim() === 'Calc'
    }
    at += 4 + length
  }
  return false
}
