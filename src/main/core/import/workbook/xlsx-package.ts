import type { PackageKind } from '../zip/zip-refusals'

/** How refusals name an Office Open XML workbook. */
export const XLSX_PACKAGE: PackageKind = { what: 'an Excel workbook (.xlsx)', program: 'Excel or LibreOffice', extension: '.xlsx' }
