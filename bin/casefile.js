#!/usr/bin/env node
// Entry point of `npx casefile`: runs the CLI that `npm run build` writes to out/main/cli.js.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  process.stderr.write('casefile: the command is not built yet; run `npm run build` in the Casefile folder first.\n')
  process.exit(1)
}
await import(pathToFileURL(cli).href)
