import type { CsvFormulas } from './row-query'

/**
 * What an export says of its text cells that start like a spreadsheet formula. Written as
 * imported, a spreadsheet program may run them (CSV injection) — the person should know and have
 * the way out (`how`: the CLI's flag or the window's button); marked as text, the file no longer
 * reads back exactly as imported, which they should know too.
 */
export function formulaCellsNote(count: number, formulas: CsvFormulas, how: string): string {
  const cells = count === 1 ? '1 cell begins' : `${count.toLocaleString('en-US')} cells begin`
  return formulas === 'as-imported'
    ? `${cells} like a spreadsheet formula (=, +, -, @) and ${count === 1 ? 'was' : 'were'} written as imported; Excel or LibreOffice may run ${count === 1 ? 'it' : 'them'} when opening the file. To have ${count === 1 ? 'it' : 'them'} shown as text instead, export again with ${how}.`
    : `${cells} like a spreadsheet formula and ${count === 1 ? 'was' : 'were'} written with a leading ' so a spreadsheet program shows ${count === 1 ? 'it' : 'them'} as text; read back as CSV, ${count === 1 ? 'it keeps' : 'they keep'} that '.`
}
