import { writeZip, type ZipEntry } from './write-zip'

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

export interface HandWrittenSheet {
  name: string
  /** The part's path in the package (any name: the workbook's relationships say where it is). */
  part: string
  /** worksheet, or xlMacrosheet / chartsheet for sheets that hold no table. */
  type: string
  xml: string
}

/**
 * An .xlsx (or .xlsm) assembled part by part, in an order of our choosing: the tests read packages
 * whose parts are not where Excel puts them (shared strings after the sheets, sheets under other
 * names, namespace prefixes), as other programs write them.
 */
export function writeHandWrittenXlsx(path: string, sheets: readonly HandWrittenSheet[], options: HandWrittenOptions): string {
  return writeZip(path, handWrittenXlsxEntries(sheets, options))
}

export interface HandWrittenOptions {
  sharedStrings: string | null
  styles: string | null
  workbookPr: string
  extra: readonly ZipEntry[]
}

/** The parts of the .xlsx `writeHandWrittenXlsx` writes, in its order, to be zipped (or damaged) by the caller. */
export function handWrittenXlsxEntries(sheets: readonly HandWrittenSheet[], options: HandWrittenOptions): ZipEntry[] {
  const relationships = sheets
    .map((sheet, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/${sheet.type}" Target="${sheet.part.replace(/^xl\//, '')}"/>`)
    .concat(options.styles === null ? [] : [`<Relationship Id="rIdS" Type="${REL}/styles" Target="styles.xml"/>`])
    .concat(options.sharedStrings === null ? [] : [`<Relationship Id="rIdT" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`])
  const entries: ZipEntry[] = [
    { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    { name: '_rels/.rels', data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0"?><x:workbook xmlns:x="${MAIN}" xmlns:r="${REL}">${options.workbookPr}<x:sheets>${sheets.map((sheet, i) => `<x:sheet name="${sheet.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</x:sheets></x:workbook>`
    },
    { name: 'xl/_rels/workbook.xml.rels', data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationships.join('')}</Relationships>` },
    ...sheets.map((sheet) => ({ name: sheet.part, data: sheet.xml })),
    ...(options.styles === null ? [] : [{ name: 'xl/styles.xml', data: options.styles }]),
    ...(options.sharedStrings === null ? [] : [{ name: 'xl/sharedStrings.xml', data: options.sharedStrings }]),
    ...options.extra
  ]
  return entries
}

export function sheetXml(rows: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${MAIN}"><x:sheetData>${rows}</x:sheetData></x:worksheet>`
}

/** An OpenDocument spreadsheet written by hand: content.xml holding the tables given. */
export function writeHandWrittenOds(path: string, tables: string, manifestExtra: string): string {
  const ns =
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
  return writeZip(path, [
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' },
    {
      name: 'META-INF/manifest.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest ${ns}><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">${manifestExtra}</manifest:file-entry></manifest:manifest>`
    },
    { name: 'styles.xml', data: `<?xml version="1.0" encoding="UTF-8"?><office:document-styles ${ns} office:version="1.2"/>` },
    { name: 'content.xml', data: `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ns} office:version="1.2"><office:body><office:spreadsheet>${tables}</office:spreadsheet></office:body></office:document-content>` }
  ])
}
