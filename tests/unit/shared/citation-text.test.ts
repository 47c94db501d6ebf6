import { describe, expect, it } from 'vitest'
import { appendBlock, citationToken, quoteBlock, remapCitations } from '../../../src/shared/citation-text'

describe('citation text', () => {
  it('makes a quotation a blockquote ending in its citation, and keeps its words from becoming Markdown', () => {
    expect(quoteBlock('immigration prosecutors had examined 288,361 cases', 12)).toBe('> immigration prosecutors had examined 288,361 cases [[cite:12]]')
    expect(quoteBlock('# Not a heading\r\n\r\n\r\n1. not a list *nor bold* [[cite:1]]', 3)).toBe(
      '> \\# Not a heading\n>\n> 1\\. not a list \\*nor bold\\* \\[[cite:1]] [[cite:3]]'
    )
  })

  it('adds a block after a blank line, or alone in an empty note', () => {
    expect(appendBlock('', '> q')).toBe('> q\n')
    expect(appendBlock('Text.\n\n\n', '> q')).toBe('Text.\n\n> q\n')
  })

  it('points a restored note’s tokens at its new citations and leaves the others alone', () => {
    expect(remapCitations(`${citationToken(1)} [[cite:2]] [[chart:1]]`, new Map([[1, 10]]))).toBe('[[cite:10]] [[cite:2]] [[chart:1]]')
  })

  it('takes out the tokens of citations not made again, in the same pass as the others move', () => {
    const ids = new Map<number, number | null>([[1, null], [2, 1], [3, null]])
    expect(remapCitations('> gone [[cite:1]]\n\nkept [[cite:2]], [[cite:3]]end [[cite:4]]', ids)).toBe('> gone\n\nkept [[cite:1]],end [[cite:4]]')
  })
})
