// The `casefile` command: the same archive core as the app, without Electron.
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runCli } from './cli/run-cli'

// Built to out/main/cli.js; the project root (with resources/sample) is two folders up.
const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

const code = await runCli(
  process.argv.slice(2),
  {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    isTty: process.stdout.isTTY === true,
    errIsTty: process.stderr.isTTY === true
  },
  appRoot
)
process.exitCode = code
