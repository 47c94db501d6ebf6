// Stepping through the matches in an article opened from a search: which key moves which way, and
// where a step lands. Wraps at both ends, as find-in-page does everywhere.

/** The next match index after moving `delta` (±1) from `current`, wrapping around `count`. */
export function stepMatch(current: number, count: number, delta: 1 | -1): number {
  if (count <= 0) return 0
  return (((current + delta) % count) + count) % count
}

export interface MatchKey {
  key: string
  shiftKey: boolean
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
}

/**
 * The step a key asks for, or null. F3 and Ctrl/⌘+G work wherever focus is; Enter only where it
 * would do nothing else (not in a field, on a button or a link). Shift goes backwards.
 */
export function matchStepForKey(event: MatchKey, targetIsInteractive: boolean): 1 | -1 | null {
  const direction = event.shiftKey ? -1 : 1
  if (event.altKey) return null
  if (event.key === 'F3' && !event.ctrlKey && !event.metaKey) return direction
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'g') return direction
  if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && !targetIsInteractive) return direction
  return null
}

/** "3 of 12" (one-based for people), or "No matches". */
export function matchPosition(current: number, count: number): string {
  return count === 0 ? 'No matches' : `${Math.min(current, count - 1) + 1} of ${count}`
}
