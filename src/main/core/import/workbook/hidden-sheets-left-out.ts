/**
 * What the import says of a workbook's hidden sheets: they are left out unless picked, and a table
 * on one is data the person may not know is there. One sentence for the warning after an import
 * and the refusal when nothing visible held a table, so the two never drift apart.
 */
export function hiddenSheetsLeftOut(names: readonly string[]): string {
  const quoted = names.map((name) => `“${name}”`)
  return quoted.length === 1
    ? `sheet ${quoted[0]} is hidden in the workbook and was left out; pick it by name to import it`
    : `sheets ${quoted.join(', ')} are hidden in the workbook and were left out; pick them by name to import them`
}
