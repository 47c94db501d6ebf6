import { resolve } from 'node:path'
import { runCli } from '../../src/main/cli/run-cli'

export const ROOT = resolve(import.meta.dirname, '../..')

/** Runs one CLI invocation in this process, its output kept in strings. */
export async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), isTty: false, errIsTty: false }, ROOT)
  return { code, out, err }
}
