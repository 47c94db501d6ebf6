// The imports written in src/, read as text: what the architecture tests check.

import { readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '../../..')
export const SRC = join(ROOT, 'src')
/** The benchmarks: built with the app's main entries, run from the repository, never part of the app. */
export const BENCH = join(ROOT, 'bench')

export interface ImportSite {
  file: string
  line: number
  specifier: string
}

const IMPORT = /(?:^|[^\w.])(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

export function importsIn(file: string, text: string): ImportSite[] {
  const sites: ImportSite[] = []
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2]
    if (specifier === undefined) continue
    sites.push({ file, line: text.slice(0, match.index).split('\n').length, specifier })
  }
  return sites
}

export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.(ts|svelte|mjs|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}
