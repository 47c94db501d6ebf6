// How long an import took. Tenths of a second matter for small files ("0.4 s"), "0.0 s" would read
// as a fault, and past a minute nobody wants decimals. Spaces are non-breaking so "12.3 s" never
// splits across lines.

export function formatDuration(seconds: number): string {
  const safe = Number.isFinite(seconds) && seconds > 0 ? seconds : 0
  if (safe < 0.05) return 'under\u00a00.1\u00a0s'
  if (safe < 60) return `${safe.toFixed(1)}\u00a0s`
  const whole = Math.round(safe)
  const hours = Math.floor(whole / 3600)
  const minutes = Math.floor((whole % 3600) / 60)
  const rest = whole % 60
  if (hours > 0) return `${hours}\u00a0h ${String(minutes).padStart(2, '0')}\u00a0min`
  return `${minutes}\u00a0min ${String(rest).padStart(2, '0')}\u00a0s`
}
