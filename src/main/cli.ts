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
    errIsTty: process.stderr.isTTY === true,
    onInterrupt: (handler) => {
      // A second Ctrl-C ends the process at once, as the first does when nothing listens.
      let pressed = false
      const listener = () => {
        if (pressed) process.exit(130)
        pressed = true
        handler()
      }
      process.on('SIGINT', listener)
      return () => process.off('SIGINT', listener)
    }
  },
  appRoot
)
process.exitCode = code
