// How text is read: the shape of the AST, the filters, and what malformed input degrades to.

import { describe, expect, it } from 'vitest'
import { parseQuery } from '@shared/query/parse-query'
import type { QueryNode } from '@shared/query/query-ast'
import { describeNode } from '@shared/query/query-chips'

/** The AST as one line, so expectations read like the query language itself. */
function shape(query: string): string | null {
  const { ast } = parseQuery(query)
  return ast === null ? null : render(ast)
}

function render(node: QueryNode): string {
  return node.type === 'and' ? `AND(${node.children.map(render).join(', ')})` : node.type === 'or'
    ? `OR(${node.children.map(render).join(', ')})` : node.type === 'not' ? `NOT(${render(node.child)})` : describeNode(node)
}

describe('parseQuery: the language', () => {
  it.each([
    ['deportation', 'deportation'],
    ['record deportations', 'AND(record, deportations)'],
    ['"exact phrase" court', 'AND("exact phrase", court)'],
    ['deport*', 'deport*'],
    ['deport**', 'deport*'],
    ['a OR b', 'OR(a, b)'],
    ['a b OR c', 'AND(a, OR(b, c))'],
    ['a OR b OR c', 'OR(a, b, c)'],
    ['(a b) OR c', 'OR(AND(a, b), c)'],
    ['a AND b', 'AND(a, b)'],
    ['-a b', 'AND(NOT(a), b)'],
    ['NOT a b', 'AND(NOT(a), b)'],
    ['-"prosecutorial discretion"', 'NOT("prosecutorial discretion")'],
    ['-(a OR b)', 'NOT(OR(a, b))'],
    ['NOT -a', 'a'],
    ['--a', 'NOT(a)'],
    ['NEAR(a b, 5)', 'NEAR(a b, 5)'],
    ['NEAR(a b)', 'NEAR(a b, 10)'],
    ['NEAR(a "b c" d*,3)', 'NEAR(a "b c" d*, 3)'],
    ['NEAR(a b ,7)', 'NEAR(a b, 7)'],
    ['title:court', 'title: court'],
    ['Title:"asylum appeal"', 'title: "asylum appeal"'],
    ['author:wess*', 'author: wess*'],
    ['-source:ICE', 'NOT(source: ICE)'],
    ['title:foo:bar', 'title: foo:bar'],
    ['e-mail U.S.', 'AND(e-mail, U.S.)'],
    ['Zürich', 'Zürich']
  ])('%s', (query, expected) => {
    expect(shape(query)).toBe(expected)
  })

  it('keeps lowercase or/and/not and the word NEAR as words', () => {
    expect(shape('a or b and not c')).toBe('AND(a, or, b, and, not, c)')
    expect(shape('NEAR me')).toBe('AND(NEAR, me)')
  })
})

describe('parseQuery: filters', () => {
  it('collects kind, dataset, year, after and before and leaves them out of the AST', () => {
    const parsed = parseQuery('court kind:Article kind:data dataset:eoir-2012 dataset:"Case review" year:2012 after:2012-03 before:2013')
    expect(shape('court kind:note')).toBe('court')
    expect(parsed.filters).toEqual({
      kinds: ['article', 'data'],
      datasets: ['eoir-2012', 'Case review'],
      year: 2012,
      after: '2012-03-01',
      before: '2013-01-01'
    })
  })

  it.each([
    ['after:2012', '2012-01-01'],
    ['after:2012-06', '2012-06-01'],
    ['after:2012-06-07', '2012-06-07'],
    ['after:2012-02-29', '2012-02-29']
  ])('%s starts the period on its first day (inclusive)', (query, after) => {
    expect(parseQuery(query).filters.after).toBe(after)
  })

  it('before: names the first day it excludes', () => {
    expect(parseQuery('before:2013').filters.before).toBe('2013-01-01')
    expect(parseQuery('before:2012-12-31').filters.before).toBe('2012-12-31')
  })

  it.each([
    ['year:abc', 'AND(year, abc)'],
    ['year:12345', 'AND(year, 12345)'],
    ['after:2013-02-29', 'AND(after, 2013-02-29)'],
    ['before:2012-13', 'AND(before, 2012-13)'],
    ['kind:video', 'AND(kind, video)'],
    ['dataset:"!!"', 'dataset'],
    ['foo:bar', 'AND(foo, bar)'],
    ['http://example.org', 'AND(http, //example.org)'],
    ['title:', 'title'],
    ['kind:', 'kind']
  ])('an invalid filter or unknown field is read as words: %s', (query, expected) => {
    expect(shape(query)).toBe(expected)
    expect(parseQuery(query).notes.length).toBeGreaterThan(0)
  })

  it('a filter inside a negation is ignored, not inverted', () => {
    const parsed = parseQuery('court -kind:note NOT year:2012')
    expect(shape('court -kind:note NOT year:2012')).toBe('court')
    expect(parsed.filters.kinds).toEqual([])
    expect(parsed.filters.year).toBeNull()
    expect(parsed.notes.some((note) => note.includes('Excluding by kind'))).toBe(true)
  })

  it('the last of several year: filters counts, with a note', () => {
    const parsed = parseQuery('year:2011 year:2012')
    expect(parsed.filters.year).toBe(2012)
    expect(parsed.notes).toContain('Several year: filters; the last one counts.')
  })

  it('a query of filters only has no AST', () => {
    expect(parseQuery('kind:article year:2012').ast).toBeNull()
  })
})

describe('parseQuery: malformed input degrades to words', () => {
  it.each([
    ['', null],
    ['   ', null],
    ['"unbalanced quote', 'AND(unbalanced, quote)'],
    ['a "b c" "d e', 'AND(a, "b c", d, e)'],
    ['OR a', 'a'],
    ['a OR', 'a'],
    ['a OR OR b', 'OR(a, b)'],
    ['AND AND a', 'a'],
    ['a - b', 'AND(a, b)'],
    ['a NOT', 'a'],
    ['NOT', null],
    ['(a b', 'AND(a, b)'],
    ['a b)', 'AND(a, b)'],
    [')(', null],
    ['()', null],
    ['NEAR(a)', 'a'],
    ['NEAR(a b, x)', 'AND(a, b, x)'],
    ['NEAR(a b, 5, 6)', 'AND(a, b, 5)'],
    ['NEAR(a (b c))', 'AND(a, b, c)'],
    ['NEAR(a b', 'AND(a, b)'],
    ['!!! 🙂 ...', null],
    ['court 🙂', 'court'],
    ['a\u0000b', 'AND(a, b)'],
    ['*', null],
    ['^court', '^court']
  ])('%j', (query, expected) => {
    expect(shape(query)).toBe(expected)
  })

  it('says what it did', () => {
    expect(parseQuery('"open').notes).toContain('A quote had no closing quote; the words after it are searched as plain words.')
    expect(parseQuery('a OR').notes).toContain('Ignored an OR with nothing on one side.')
    expect(parseQuery('a)').notes).toContain('Ignored a ")" with no "(" before it.')
    expect(parseQuery('(a').notes).toContain('Closed a "(" that had no ")".')
    expect(parseQuery('🙂 court').notes).toContain('Ignored parts with no letters or digits.')
    expect(parseQuery('-court').notes).toContain('The query only excludes words; add a word to search for, or nothing will match.')
    expect(parseQuery('NEAR(a b, 99999)').notes).toContain('NEAR distance capped at 1000.')
    expect(parseQuery('court deportation').notes).toEqual([])
  })

  it('ignores parentheses nested deeper than six levels but keeps their words', () => {
    const parsed = parseQuery(`${'('.repeat(10)}a b${')'.repeat(10)} c`)
    expect(parsed.ast === null ? null : render(parsed.ast)).toBe('AND(a, b, c)')
    expect(parsed.notes).toContain('Ignored parentheses nested deeper than 6 levels.')
  })

  it('keeps the first 64 terms', () => {
    const words = Array.from({ length: 70 }, (_, index) => `w${index}`)
    const parsed = parseQuery(words.join(' '))
    expect(parsed.chips.map((chip) => chip.label)).toEqual(words.slice(0, 64))
    expect(parsed.notes).toContain('Only the first 64 words are searched; 6 more were left out.')
  })
})
