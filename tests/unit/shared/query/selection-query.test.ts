import { describe, expect, it } from 'vitest'
import { selectionLabel, selectionQuery } from '../../../../src/shared/context-menu'
import { parseQuery } from '../../../../src/shared/query/parse-query'

describe('searching for a selection', () => {
  it('searches what was selected as one phrase, a single word included', () => {
    expect(selectionQuery('Morton')).toBe('"Morton"')
    expect(selectionQuery('  prosecutorial\n discretion  ')).toBe('"prosecutorial discretion"')
  })

  it('never reads a selection as the query language’s syntax', () => {
    for (const selected of ['OR', '-pilot', 'kind:data', 'year:2012', 'prefix*', 'NEAR(a b, 5)', 'NOT']) {
      const query = selectionQuery(selected)
      expect(query, selected).toBe(`"${selected}"`)
      const parsed = parseQuery(query)
      expect(parsed.notes, selected).toEqual([])
      expect(JSON.stringify(parsed.ast), selected).toContain('phrase')
    }
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

  it('never cuts a character in two, and shows no control or reordering characters', () => {
    const label = selectionLabel(`${'a'.repeat(30)}😀😀😀`)
    expect(label).toBe(`${'a'.repeat(30)}😀…`)
    // No half of a surrogate pair left on its own.
    expect(label).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/)
    expect(selectionLabel('report\u202Efdp.exe\u0000 and\u200Bmore')).toBe('report fdp.exe and more')
    expect(selectionQuery('a\u202Eb')).toBe('"a b"')
  })
})
