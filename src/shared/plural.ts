/** A count with its noun, "1 row" or "12,345 rows": the window and the CLI say counts the same way. */
export function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`
}
