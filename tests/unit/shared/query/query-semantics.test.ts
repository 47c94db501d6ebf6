// What each operator and field actually matches, checked against a real FTS5 table.

import { afterAll, describe, expect, it } from 'vitest'
import { ARTICLE_COLUMNS, NOTE_COLUMNS, openFtsFixture } from './fts-fixture'

const fts = openFtsFixture()
afterAll(() => fts.close())
const articles = (query: string): number[] | null => fts.search(query, ARTICLE_COLUMNS)

describe('query semantics against FTS5', () => {
  it.each([
    ['court', [2]],
    ['courts', [5, 6, 8]],
    ['closure administrative', [2, 3]],
    ['review cases', [1, 6, 8]]
  ])('words must all match: %s', (query, rowids) => {
    expect(articles(query)).toEqual(rowids)
  })

  it('a phrase needs the words adjacent and in order', () => {
    expect(articles('"review of cases"')).toEqual([6])
    expect(articles('"administrative closure"')).toEqual([2, 3])
    expect(articles('"closure administrative"')).toEqual([])
  })

  it('a prefix matches every word that starts with it', () => {
    expect(articles('court*')).toEqual([2, 5, 6, 8])
    expect(articles('deport*')).toEqual([1])
  })

  it('OR matches either side; lowercase or is an ordinary word', () => {
    expect(articles('Zürich OR memo')).toEqual([2, 4])
    expect(articles('memo or students')).toEqual([])
  })

  it('OR binds tighter than the implicit AND; parentheses override it', () => {
    expect(articles('discretion memo OR families')).toEqual([4, 7])
    expect(articles('(discretion memo) OR families')).toEqual([2, 4, 7])
  })

  it('-word and NOT exclude', () => {
    expect(articles('cases -discretion')).toEqual([5, 6, 8])
    expect(articles('cases NOT discretion')).toEqual([5, 6, 8])
    expect(articles('discretion -"prosecutorial discretion"')).toEqual([7])
    expect(articles('closure -(Zürich OR rate)')).toEqual([3])
  })

  it('an exclusion inside OR still narrows correctly', () => {
    // cases AND (memo OR NOT discretion)
    expect(articles('cases (memo OR -discretion)')).toEqual([4, 5, 6, 8])
  })

  it('a query of exclusions alone compiles to nothing', () => {
    expect(articles('-discretion')).toBeNull()
    expect(articles('NOT discretion -memo')).toBeNull()
    expect(articles('memo OR -discretion')).toBeNull()
  })

  it('NEAR finds terms within the distance and not beyond it', () => {
    // body gaps between review and cases: doc 1 three words, doc 6 one, doc 8 two
    expect(articles('NEAR(review cases, 1)')).toEqual([6])
    expect(articles('NEAR(review cases, 2)')).toEqual([6, 8])
    expect(articles('NEAR(review cases, 3)')).toEqual([1, 6, 8])
    expect(articles('NEAR(review cases)')).toEqual([1, 6, 8])
    expect(articles('NEAR(cases review, 0)')).toEqual([])
    // doc 1: eight words between "pending deportation" and "discretion"
    expect(articles('NEAR("pending deportation" discret*, 8)')).toEqual([1])
    expect(articles('NEAR("pending deportation" discret*, 7)')).toEqual([])
  })

  it('title: author: source: search only their columns', () => {
    expect(articles('closure')).toEqual([2, 3, 8])
    expect(articles('title:closure')).toEqual([3, 8])
    expect(articles('title:admin*')).toEqual([3])
    expect(articles('title:"asylum appeal"')).toEqual([2])
    expect(articles('title:"appeal asylum"')).toEqual([])
    expect(articles('author:wessler')).toEqual([1, 5])
    expect(articles('author:colorlines')).toEqual([])
    expect(articles('source:colorlines')).toEqual([1, 7])
    expect(articles('SOURCE:colorlines asylum')).toEqual([7])
    expect(articles('review -source:review')).toEqual([1, 6, 8])
  })

  it('a field the table lacks matches nothing, and excluding it excludes nothing', () => {
    expect(fts.search('source:colorlines', NOTE_COLUMNS)).toBeNull()
    expect(fts.search('author:wessler OR memo', NOTE_COLUMNS)).toEqual([4])
    expect(fts.search('memo -author:morton', NOTE_COLUMNS)).toEqual([4])
    expect(fts.search('title:memo', NOTE_COLUMNS)).toEqual([4])
  })

  it('is case- and diacritic-insensitive through the tokenizer', () => {
    expect(articles('zurich')).toEqual([2])
    expect(articles('ZÜRICH')).toEqual([2])
    expect(articles('muller')).toEqual([2])
    expect(articles('title:zurich')).toEqual([2])
  })

  it('punctuation inside a word searches its parts as a phrase', () => {
    expect(articles('400,000')).toEqual([5])
    expect(articles('000,400')).toEqual([])
  })

  it('filters never reach FTS5', () => {
    expect(articles('court kind:article year:2012 after:2012-01 before:2013 dataset:"EOIR cases"')).toEqual([2])
  })

  it('operator words typed as syntax are searched as words when they cannot be operators', () => {
    expect(articles('OR memo AND')).toEqual([4])
    expect(articles('"NEAR(review cases)"')).toEqual([])
    expect(articles('NEAR(memo)')).toEqual([4])
  })
})
