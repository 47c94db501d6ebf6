// The exact FTS5 text the compiler emits: user text only ever inside "..." strings.

import { describe, expect, it } from 'vitest'
import { parseQuery } from '@shared/query/parse-query'
import type { QueryNode } from '@shared/query/query-ast'
import { toFtsMatch } from '@shared/query/to-fts-match'
import { ARTICLE_COLUMNS, NOTE_COLUMNS } from './fts-fixture'

function compiled(query: string, columns = ARTICLE_COLUMNS): string | null {
  const { ast } = parseQuery(query)
  return ast === null ? null : toFtsMatch(ast, columns)
}

describe('toFtsMatch', () => {
  it.each([
    ['court', '"court"'],
    ['a b', '("a" AND "b")'],
    ['"exact phrase"', '"exact phrase"'],
    ['deport*', '"deport" *'],
    ['a OR b', '("a" OR "b")'],
    ['a -b', '("a" NOT "b")'],
    ['a b -c -d', '(("a" AND "b") NOT ("c" OR "d"))'],
    ['NEAR(a b, 5)', 'NEAR("a" "b", 5)'],
    ['NEAR(a "b c" d*)', 'NEAR("a" "b c" "d" *, 10)'],
    ['title:x', '{title} : "x"'],
    ['author:"Seth Wessler"', '{byline} : "Seth Wessler"'],
    ['source:colo*', '{publisher} : "colo" *'],
    ['NOT -a', '"a"']
  ])('%s → %s', (query, expected) => {
    expect(compiled(query)).toBe(expected)
  })

  it('quotes what would otherwise be FTS5 syntax', () => {
    expect(compiled('AND* NEAR: {title}')).toBe('("AND" * AND "NEAR" AND "{title}")')
    expect(compiled('"say ""hi"""')).toBe('("say " AND "hi")')
    expect(compiled('it"s')).toBe('("it" AND "s")')
    const ast: QueryNode = { type: 'term', text: 'a "b" c', match: 'word', field: null, span: { start: 0, end: 7 } }
    expect(toFtsMatch(ast, ARTICLE_COLUMNS)).toBe('"a ""b"" c"')
  })

  it('returns null for a query of exclusions alone', () => {
    expect(compiled('-a')).toBeNull()
    expect(compiled('-a -b')).toBeNull()
    expect(compiled('a OR -b')).toBeNull()
  })

  it('rewrites an exclusion inside OR with a positive partner', () => {
    expect(compiled('x (a OR -b)')).toBe('("x" NOT ("b" NOT "a"))')
  })

  it('prunes fields the table lacks: they match nothing, and excluding them excludes nothing', () => {
    expect(compiled('author:x', NOTE_COLUMNS)).toBeNull()
    expect(compiled('author:x memo', NOTE_COLUMNS)).toBeNull()
    expect(compiled('author:x OR memo', NOTE_COLUMNS)).toBe('"memo"')
    expect(compiled('memo -source:x', NOTE_COLUMNS)).toBe('"memo"')
    expect(compiled('title:x', NOTE_COLUMNS)).toBe('{title} : "x"')
  })

  it('maps one field to several columns and refuses column names that are not identifiers', () => {
    const term: QueryNode = { type: 'term', text: 'x', match: 'word', field: 'source', span: { start: 0, end: 1 } }
    expect(toFtsMatch(term, { title: [], author: [], source: ['publisher', 'source_file'] })).toBe('{publisher source_file} : "x"')
    expect(toFtsMatch(term, { title: [], author: [], source: ['bad name', '} OR {'] })).toBeNull()
  })

  it('drops terms with no letters or digits, even in hand-built trees', () => {
    const span = { start: 0, end: 1 }
    const ast: QueryNode = {
      type: 'and',
      span,
      children: [
        { type: 'term', text: '🙂', match: 'word', field: null, span },
        { type: 'near', distance: 3, span, terms: [
          { type: 'term', text: 'a', match: 'word', field: null, span },
          { type: 'term', text: '...', match: 'word', field: null, span }
        ] }
      ]
    }
    expect(toFtsMatch(ast, ARTICLE_COLUMNS)).toBe('"a"')
  })
})
