import { describe, expect, it } from 'vitest'
import { selectionLabel, selectionQuery } from '../../../src/shared/context-menu'
import { parseQuery } from '../../../src/shared/query/parse-query'

describe('searching for a selection', () => {
  it('searches one word as a word and several as one phrase', () => {
    expect(selectionQuery('Morton')).toBe('Morton')
    expect(selectionQuery('  prosecutorial\n discretion  ')).toBe('"prosecutorial discretion"')
  })

  it('drops the double quotes the query language would read', () => {
    expect(selectionQuery('the "case-by-case" review')).toBe('"the case-by-case review"')
    expect(selectionQuery('""')).toBe('')
  })

  it('keeps the start of a long passage, cut between words', () => {
    const passage = 'immigration prosecutors had examined 288,361 cases '.repeat(10)
    const query = selectionQuery(passage)
    expect(query.length).toBeLessThanOrEqual(202)
    expect(query.startsWith('"immigration prosecutors had examined 288,361 cases')).toBe(true)
    expect(query.endsWith(' "')).toBe(false)
    expect(passage.replace(/\s+/g, ' ').startsWith(query.slice(1, -1))).toBe(true)
  })

  it('gives the parser a phrase it reads as one', () => {
    const parsed = parseQuery(selectionQuery('closed 4,403 cases (fewer than 2%)'))
    expect(JSON.stringify(parsed)).toContain('phrase')
  })

  it('labels the menu item with a short line', () => {
    expect(selectionLabel('short')).toBe('short')
    expect(selectionLabel('a review of more than 411,000 pending deportation cases')).toBe('a review of more than 411,000 p…')
    expect(selectionLabel('two\nlines')).toBe('two lines')
  })
})
