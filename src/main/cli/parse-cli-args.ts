import { UsageError } from './cli-io'

export interface ParsedArgs {
  archive: string | null
  command: string | null
  positionals: string[]
  /** Each flag given, with its (last) value. */
  flags: Map<string, string | true>
  /** Every value of a flag that may be given more than once (REPEATABLE), in order. */
  repeated: Map<string, string[]>
}

// Flags that take a value; every other --flag is a switch.
const VALUED = new Set(['archive', 'limit', 'delimiter', 'encoding', 'quote', 'kind', 'sort', 'pdf', 'md', 'html', 'title', 'png', 'null-token', 'csv', 'sheet'])
// Valued flags whose every value counts: `--null-token N/A --null-token b6`.
const REPEATABLE = new Set(['null-token', 'sheet'])

/** `casefile [--archive PATH] COMMAND [ARGS…] [--flag] [--flag VALUE]`; `--` ends the flags. */
export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  const flags = new Map<string, string | true>()
  const repeated = new Map<string, string[]>()
  const positionals: string[] = []
  let onlyPositionals = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (onlyPositionals || !arg.startsWith('--') || arg === '-') {
      positionals.push(arg)
      continue
    }
    if (arg === '--') {
      onlyPositionals = true
      continue
    }
    const eq = arg.indexOf('=')
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2)
    if (VALUED.has(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i]
      if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`)
      flags.set(name, value)
      if (REPEATABLE.has(name)) repeated.set(name, [...(repeated.get(name) ?? []), value])
    } else {
      if (eq > 0) throw new UsageError(`--${name} does not take a value`)
      flags.set(name, true)
    }
  }
  const archive = flags.get('archive')
  flags.delete('archive')
  const [command = null, ...rest] = positionals
  return { archive: typeof archive === 'string' ? archive : null, command, positionals: rest, flags, repeated }
}

export function allowOnly(args: ParsedArgs, allowed: readonly string[]): void {
  for (const name of args.flags.keys()) {
    if (!allowed.includes(name)) throw new UsageError(`${args.command} does not know --${name}`)
  }
}

export function intFlag(args: ParsedArgs, name: string, fallback: number, min: number, max: number): number {
  const raw = args.flags.get(name)
  if (raw === undefined) return fallback
  const value = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`)
  }
  return value
}
