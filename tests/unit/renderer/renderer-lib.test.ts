import { describe, expect, it } from 'vitest'
import { snippetSegments } from '../../../src/renderer/src/search/snippet'
import { paragraphs } from '../../../src/renderer/src/articles/paragraphs'
import { formatCalendarDate, formatEditedAt, formatTimestamp } from '../../../src/renderer/src/lib/format-date'
import { formatCell, formatFigure } from '../../../src/renderer/src/lib/format-cell'
import { facetLabel } from '../../../src/renderer/src/datasets/dataset-filters'

const S = '\uE000', E = '\uE001'
describe('snippetSegments', () => {
  it('turns markers into marked segments, never HTML, and survives stray or repeated markers', () => {
    expect(snippetSegments(`…a ${S}b${E} c ${S}d${E}`)).toEqual([
      { text: '…a ', marked: false }, { text: 'b', marked: true }, { text: ' c ', marked: false }, { text: 'd', marked: true }])
    expect(snippetSegments('')).toEqual([])
    expect(snippetSegments(`${E}x${S}${S}y`)).toEqual([{ text: 'x', marked: false }, { text: 'y', marked: true }])
    expect(snippetSegments(`<b>${S}&amp;${E}`)).toEqual([{ text: '<b>', marked: false }, { text: '&amp;', marked: true }])
    expect(snippetSegments(`${S}a${E}${S}b${E}`)).toEqual([{ text: 'ab', marked: true }])
  })
})
describe('paragraphs', () => {
  it('splits a body at blank lines and keeps line breaks inside a paragraph', () => {
    expect(paragraphs('a\nb\n\n\n  c\r\n\r\nd  \n')).toEqual(['a\nb', '  c', 'd'])
  })
})
describe('date formatting', () => {
  it('shows calendar dates day-first without shifting them by time zone, and edit times relative to now', () => {
    expect(formatCalendarDate('2012-06-07')).toBe('7 June 2012')
    expect(formatCalendarDate('2012-06')).toBe('June 2012')
    expect(formatCalendarDate('2012')).toBe('2012')
    expect(formatCalendarDate('2012-06-07T23:30:00Z')).toBe('7 June 2012')
    expect(formatCalendarDate('sometime')).toBe('sometime')
    const now = new Date(2026, 10, 29, 12, 0)
    expect(formatEditedAt(new Date(2026, 10, 29, 9, 5).toISOString(), now)).toBe('09:05')
    expect(formatEditedAt(new Date(2026, 2, 3, 9, 5).toISOString(), now)).toBe('3 Mar')
    expect(formatEditedAt(new Date(2024, 2, 3, 9, 5).toISOString(), now)).toBe('3 Mar 2024')
    expect(formatTimestamp(new Date(2024, 2, 3, 9, 5).toISOString())).toBe('3 March 2024 at 09:05')
  })
})
describe('formatCell', () => {
  it('groups thousands except in columns of ids, codes and years, and keeps text as stored', () => {
    expect(formatCell(195066, { type: 'integer', digits: 'grouped' })).toBe('195,066')
    expect(formatCell(2005, { type: 'integer', digits: 'plain' })).toBe('2005')
    expect(formatCell(1185, { type: 'integer', digits: 'plain' })).toBe('1185')
    expect(formatCell(-12345, { type: 'integer', digits: 'plain' })).toBe('-12345')
    expect(formatCell(1.25, { type: 'real', digits: 'grouped' })).toBe('1.25')
    expect(formatCell(null, { type: 'text', digits: 'grouped' })).toBe(null)
    expect(formatCell('08123', { type: 'text', digits: 'grouped' })).toBe('08123')
  })

  it('shows every digit of a number, and a number spelled another way exactly as it was written', () => {
    expect(formatCell(0.1234567, { type: 'real', digits: 'grouped' })).toBe('0.1234567')
    expect(formatCell(8896394.444184666, { type: 'real', digits: 'grouped' })).toBe('8,896,394.444184666')
    expect(formatCell(-1234567.5, { type: 'real', digits: 'grouped' })).toBe('-1,234,567.5')
    expect(formatCell(1e-7, { type: 'real', digits: 'grouped' })).toBe('1e-7')
    expect(formatCell('8896394.4441846665', { type: 'real', digits: 'grouped' })).toBe('8896394.4441846665')
    expect(formatCell('1.50', { type: 'real', digits: 'grouped' })).toBe('1.50')
    expect(formatCell('b6', { type: 'integer', digits: 'grouped' })).toBe('b6')
  })

  it('shows a column’s figures (lowest, highest, listed values) in the spelling the archive hands over', () => {
    const amount = { type: 'real', digits: 'grouped' } as const
    const spellings = { '1.5': '1.50', '1000': '1e3' }
    expect(formatFigure(1.5, amount, spellings)).toBe('1.50')
    expect(formatFigure(1000, amount, spellings)).toBe('1e3')
    expect(formatFigure(2000, amount, spellings)).toBe('2,000')
    expect(formatFigure(null, amount, spellings)).toBe(null)
    expect(facetLabel(1000, amount, spellings)).toBe('1e3')
    expect(facetLabel(null, amount, spellings)).toBe('(empty)')
  })
})
