// File sizes in the units people see in their file manager. Binary multiples, because that is what
// the importer's own messages use ("… is 600 MB"). The space is non-breaking: "1.8 GB" stays whole.

const UNITS = ['KB', 'MB', 'GB', 'TB'] as const

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Math.max(0, Math.round(bytes || 0))}\u00a0B`
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  // One decimal while it still says something ("1.4 MB"), none once the number is large ("240 MB").
  return `${value < 100 ? value.toFixed(1) : Math.round(value)}\u00a0${UNITS[unit]}`
}
