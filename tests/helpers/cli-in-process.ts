import { resolve } from 'node:path'
import { runCli } from '../../src/main/cli/run-cli'

export const PROJECT_ROOT = resolve(import.meta.dirname, '../..')

export interface CliRun {
  code: number
  out: string
  err: string
}

/** Runs one `casefile` command in this process, capturing what it writes. */
export async function cli(argv: string[]): Promise<CliRun> {
  let out = ''
  let err = ''
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), isTty: false, errIsTty: false, onInterrupt: () => () => undefined }, PROJECT_ROOT)
  return { code, out, err }
}
