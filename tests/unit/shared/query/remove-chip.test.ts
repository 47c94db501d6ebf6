// Chips show the query back piece by piece; removing one edits the text and leaves the others intact.

import { describe, expect, it } from 'vitest'
import { parseQuery } from '@shared/query/parse-query'
import { removeChip } from '@shared/query/remove-chip'

const QUERY = 'deportation "exact phrase" immig* -closure (court OR tribunal) NEAR(review cases, 5) title:backlog kind:article year:2012'

describe('query chips', () => {
  it('lists top-level conditions and filters in typing order with their source text', () => {
    const chips = parseQuery(QUERY).chips
    expect(chips.map(({ kind, label, text }) => [kind, label, text])).toEqual([
      ['term', 'deportation', 'deportation'],
      ['phrase', '"exact phrase"', '"exact phrase"'],
      ['prefix', 'immig*', 'immig*'],
      ['not', 'NOT closure', '-closure'],
      ['or', 'court OR tribunal', '(court OR tribunal)'],
      ['near', 'NEAR(review cases, 5)', 'NEAR(review cases, 5)'],
      ['field', 'title: backlog', 'title:backlog'],
      ['filter', 'kind: article', 'kind:article'],
      ['filter', 'year: 2012', 'year:2012']
    ])
    expect(new Set(chips.map((chip) => chip.id)).size).toBe(chips.length)
  })

  it('removing each chip removes exactly that condition', () => {
    const chips = parseQuery(QUERY).chips
    for (const chip of chips) {
      const rest = removeChip(QUERY, chip.id)
      expect(rest).not.toContain(chip.text)
      expect(parseQuery(rest).chips.map((left) => left.label)).toEqual(
        chips.filter((other) => other.id !== chip.id).map((other) => other.label)
      )
    }
  })

  it('removing chips one by one empties the query', () => {
    let query = QUERY
    for (let step = 0; step < 20 && parseQuery(query).chips.length > 0; step += 1) {
      query = removeChip(query, (parseQuery(query).chips[0] as { id: string }).id)
    }
    expect(query).toBe('')
  })

  it('removes a filter and the phrase that is its value', () => {
    expect(removeChip('court dataset:"Case review" asylum', 'filter:6-27')).toBe('court asylum')
    const parsed = parseQuery('court dataset:"Case review" asylum')
    expect(parsed.chips.map((chip) => chip.id)).toEqual(['term:0-5', 'filter:6-27', 'term:28-34'])
  })

  it('opens parenthesised AND groups into separate chips and tidies the gap', () => {
    const query = '(a b) c'
    expect(parseQuery(query).chips.map((chip) => chip.label)).toEqual(['a', 'b', 'c'])
    expect(removeChip(query, 'term:1-2')).toBe('(b) c')
  })

  it('leaves the text alone for an unknown chip id', () => {
    expect(removeChip('a b', 'term:9-10')).toBe('a b')
    expect(removeChip('a b', 'nonsense')).toBe('a b')
  })

  it('a double negation chip covers both signs', () => {
    const [chip] = parseQuery('NOT -court').chips
    expect(chip).toMatchObject({ kind: 'term', text: 'NOT -court' })
    expect(removeChip('NOT -court', chip?.id ?? '')).toBe('')
  })
})
