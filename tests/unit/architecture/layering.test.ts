// The folders say where code runs, and nothing imports across the line the wrong way (DESIGN.md,
// "Style"): the core never reaches the Electron shell, the CLI or Electron itself; shared code is
// pure TypeScript that runs anywhere; the renderer reaches the main process only through the
// contract; the benchmarks in bench/ use the core as the CLI does. This reads every import in src/
// and bench/ and fails on each wrong one, naming file and line.

import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BENCH, importsIn, ROOT, sourceFiles, SRC, type ImportSite } from './source-imports'

type Layer = 'shared' | 'core' | 'app' | 'cli' | 'bench' | 'preload' | 'renderer'
type Target = Layer | 'electron' | 'node' | 'package' | 'main-entry'

export function layerOf(path: string): Layer | 'main-entry' | null {
  if (!relative(BENCH, path).startsWith('..')) return 'bench'
  const inside = relative(SRC, path).split(sep)
  if (inside[0] === 'shared') return 'shared'
  if (inside[0] === 'preload') return 'preload'
  if (inside[0] === 'renderer') return 'renderer'
  if (inside[0] === 'main') {
    if (inside[1] === 'core') return 'core'
    if (inside[1] === 'app') return 'app'
    if (inside[1] === 'cli') return 'cli'
    return 'main-entry'
  }
  return null
}

const NODE_BUILTINS = new Set(builtinModules)

/** What an import names: another layer's file, Electron, a Node built-in or an npm package. */
export function targetOf(fromFile: string, specifier: string): Target {
  if (specifier === 'electron' || specifier.startsWith('electron/')) return 'electron'
  if (specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0]!)) return 'node'
  if (specifier.startsWith('@shared/')) return 'shared'
  if (specifier.startsWith('.')) return layerOf(resolve(dirname(fromFile), specifier)) ?? 'package'
  return 'package'
}

/** What each layer may import. A layer may always import itself. */
const ALLOWED: Record<Layer, readonly Target[]> = {
  shared: ['package'],
  core: ['shared', 'node', 'package'],
  app: ['core', 'shared', 'node', 'package', 'electron'],
  cli: ['core', 'shared', 'node', 'package'],
  bench: ['core', 'shared', 'node', 'package'],
  preload: ['shared', 'electron'],
  renderer: ['shared', 'package']
}

/** Every import that crosses a line it may not, as "file:line imports 'x' (layer → target)". */
export function violations(sites: readonly ImportSite[]): string[] {
  const found: string[] = []
  for (const site of sites) {
    const from = layerOf(site.file)
    if (from === null || from === 'main-entry') continue
    const target = targetOf(site.file, site.specifier)
    if (target === from || ALLOWED[from].includes(target)) continue
    found.push(`${relative(ROOT, site.file)}:${site.line} imports '${site.specifier}' (${from} → ${target})`)
  }
  return found
}

describe('the layers of src/', () => {
  it('import only what their layer may: core no Electron, shell or CLI; shared nothing of Node; the renderer nothing of main or preload', () => {
    const sites = [...sourceFiles(SRC), ...sourceFiles(BENCH)].flatMap((file) => importsIn(file, readFileSync(file, 'utf8')))
    expect(sites.length).toBeGreaterThan(500)
    expect(violations(sites)).toEqual([])
  })

  it('catches each kind of wrong import (the check itself can fail)', () => {
    const core = join(SRC, 'main', 'core', 'x.ts')
    const shared = join(SRC, 'shared', 'x.ts')
    const renderer = join(SRC, 'renderer', 'src', 'x.ts')
    const wrong = [
      ...importsIn(core, "import { app } from 'electron'\nimport { runCli } from '../cli/run-cli'\nimport { ipc } from '../app/ipc'"),
      ...importsIn(shared, "import { readFileSync } from 'node:fs'\nimport { join } from 'path'\nexport { openArchive } from '../main/core/index'"),
      ...importsIn(renderer, "import type { Archive } from '../../main/core/archive'\nconst bridge = await import('../../preload/index')"),
      ...importsIn(join(SRC, 'preload', 'x.ts'), "import Database from 'better-sqlite3'"),
      ...importsIn(join(BENCH, 'x.ts'), "import { registerIpc } from '../src/main/app/ipc'\nimport { app } from 'electron'")
    ]
    expect(violations(wrong).map((line) => line.replace(/^.*\((.*)\)$/, '$1'))).toEqual([
      'core → electron',
      'core → cli',
      'core → app',
      'shared → node',
      'shared → node',
      'shared → core',
      'renderer → core',
      'renderer → preload',
      'preload → package',
      'bench → app',
      'bench → electron'
    ])
    const fine = [...importsIn(core, "import type { Database } from 'better-sqlite3'\nimport { ok } from '@shared/result'\nimport { join } from 'node:path'"), ...importsIn(renderer, "import { api } from './lib/api'\nimport DOMPurify from 'dompurify'"), ...importsIn(join(BENCH, 'x.ts'), "import { openArchive } from '../src/main/core/index'\nimport { seededRandom } from '@shared/seeded-random'")]
    expect(violations(fine)).toEqual([])
  })
})
