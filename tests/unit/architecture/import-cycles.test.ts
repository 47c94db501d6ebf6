// No module of src/ or bench/ reaches itself through its imports, type-only ones included: a cycle means two
// files are one concept split in two (or a wrapper that both sides lean on), and it makes the order
// modules load in matter. Reads the imports as text, as the layering test does.

import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BENCH, importsIn, ROOT, sourceFiles, SRC } from './source-imports'

const EXTENSIONS = ['', '.ts', '.svelte.ts', '.js', '.mjs', '.svelte', '/index.ts']

/** The file a relative or @shared/ import names, or null for packages and Node built-ins. */
function resolveImport(fromFile: string, specifier: string): string | null {
  const base = specifier.startsWith('@shared/')
    ? join(SRC, 'shared', specifier.slice('@shared/'.length))
    : specifier.startsWith('.')
      ? resolve(dirname(fromFile), specifier)
      : null
  if (base === null) return null
  const found = EXTENSIONS.map((extension) => base + extension).find((path) => existsSync(path) && statSync(path).isFile())
  return found ?? null
}

export function importGraph(files: Map<string, string>): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const [file, text] of files) {
    const targets = importsIn(file, text).flatMap((site) => {
      const target = resolveImport(file, site.specifier)
      return target === null ? [] : [target]
    })
    graph.set(file, [...new Set(targets)])
  }
  return graph
}

/** Each cycle once, as the files around it starting from the one that sorts first. */
export function cyclesIn(graph: Map<string, string[]>): string[][] {
  const cycles = new Map<string, string[]>()
  const state = new Map<string, 'open' | 'done'>()
  const path: string[] = []
  const visit = (file: string): void => {
    state.set(file, 'open')
    path.push(file)
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = path.slice(path.indexOf(next))
        const start = cycle.indexOf([...cycle].sort()[0]!)
        const turned = [...cycle.slice(start), ...cycle.slice(0, start)]
        cycles.set(turned.join(' → '), turned)
      } else if (!state.has(next)) {
        visit(next)
      }
    }
    path.pop()
    state.set(file, 'done')
  }
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file)
  return [...cycles.values()]
}

describe('the imports of src/ and bench/', () => {
  it('form no cycle (bench/ included)', () => {
    const files = new Map([...sourceFiles(SRC), ...sourceFiles(BENCH)].map((file) => [file, readFileSync(file, 'utf8')]))
    const graph = importGraph(files)
    expect([...graph.values()].flat().length).toBeGreaterThan(500)
    expect(cyclesIn(graph).map((cycle) => cycle.map((file) => relative(ROOT, file)).join(' → '))).toEqual([])
  })

  it('finds a cycle, type-only imports included (the check itself can fail)', () => {
    const a = join(SRC, 'main', 'core', 'a.ts')
    const b = join(SRC, 'main', 'core', 'b.ts')
    const c = join(SRC, 'main', 'core', 'c.ts')
    const graph = new Map([
      [a, [b]],
      [b, [c]],
      [c, [a]]
    ])
    expect(cyclesIn(graph)).toEqual([[a, b, c]])
    expect(cyclesIn(new Map([[a, [b]], [b, []]]))).toEqual([])
    const typeOnly = importGraph(
      new Map([
        [join(SRC, 'main', 'core', 'import', 'read-table-file.ts'), "import type { RowSink } from './row-sink'"],
        [join(SRC, 'main', 'core', 'import', 'row-sink.ts'), "export type { TableFormat } from './read-table-file'"]
      ])
    )
    expect(cyclesIn(typeOnly)).toHaveLength(1)
  })
})
