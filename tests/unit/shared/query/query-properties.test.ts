// Property tests (fast-check) for the query language: for any text at all, reading it never
// throws, what it compiles to is always accepted by FTS5, and removing a chip removes exactly it.
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseQuery } from '../../../../src/shared/query/parse-query'
import { removeChip } from '../../../../src/shared/query/remove-chip'
import { toFtsMatch } from '../../../../src/shared/query/to-fts-match'

const db = new Database(':memory:')
db.exec("CREATE VIRTUAL TABLE t USING fts5 (title, byline, body, tokenize = 'unicode61 remove_diacritics 2')")
db.prepare('INSERT INTO t VALUES (?, ?, ?)').run('Record number of deportations', 'Jorge Rivas', 'Prosecutors reviewed 288,361 cases in Zürich.')
const match = db.prepare('SELECT count(*) FROM t WHERE t MATCH ?').pluck()
const COLUMNS = { title: ['title'], author: ['byline'], source: [] }

/** Query-like text: the language's own pieces mixed with arbitrary and hostile characters. */
const queryText = fc
  .array(
    fc.oneof(
      fc.constantFrom('OR', 'AND', 'NOT', '-', '(', ')', '"', '*', 'NEAR(', ',', ' ', 'title:', 'author:', 'source:', 'kind:note', 'year:2012', 'after:2012-01', 'before:', 'dataset:', '\u0000', '🙂', 'Zürich'),
      fc.string({ maxLength: 12 }),
      fc.string({ unit: 'grapheme', maxLength: 6 })
    ),
    { maxLength: 40 }
  )
  .map((parts) => parts.join(' '))

describe('the query language, for any input', () => {
  it('reads it without throwing and compiles it to an expression FTS5 accepts', () => {
    fc.assert(
      fc.property(fc.oneof(queryText, fc.string({ unit: 'binary', maxLength: 200 })), (input) => {
        const parsed = parseQuery(input)
        if (parsed.ast === null) return
        const expression = toFtsMatch(parsed.ast, COLUMNS)
        if (expression !== null) expect(() => match.get(expression)).not.toThrow()
      }),
      { numRuns: 3000 }
    )
  })

  it('removes the chip asked for', () => {
    fc.assert(
      fc.property(queryText, (input) => {
        const before = parseQuery(input).chips
        const count = (chips: { label: string }[], label: string) => chips.filter((chip) => chip.label === label).length
        for (const chip of before) {
          const after = parseQuery(removeChip(input, chip.id)).chips
          // That chip is gone (text it swallowed, like a broken NEAR(, may come back as a word of its own).
          expect(count(after, chip.label), `${input} without ${chip.label}`).toBeLessThan(count(before, chip.label))
        }
      }),
      { numRuns: 500 }
    )
  })
})
