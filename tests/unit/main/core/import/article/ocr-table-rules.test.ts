// OCR reads a ruled table's vertical lines as "|" and "[" glued to the values; they are taken out,
// while a "|" or "[" that is text stays.
import { describe, expect, it } from 'vitest'
import { withoutTableRules } from '../../../../../../src/main/core/import/article/ocr-table-rules'

describe('withoutTableRules', () => {
  it('takes out the rules OCR read from a ruled table (review B25-12)', () => {
    expect(withoutTableRules('Standard |FY2011|FY2012\nMedical care [1,234 |D\nSegregation |- 56\nGrievances | n/a | (b)(6) |')).toBe(
      'Standard FY2011 FY2012\nMedical care 1,234 D\nSegregation - 56\nGrievances n/a (b)(6)'
    )
    expect(withoutTableRules('| Total | 1,290 | 56 |')).toBe('Total 1,290 56')
  })

  it('keeps a "|" or "[" that is text', () => {
    const text = [
      'The detainee said he was “treated fair” [sic] by the officers.',
      'Names are withheld under (b)(6) and (b)(7)(C) [1].',
      '[Note: figures for 2012 are preliminary.]',
      'Press | Contacts | Careers',
      'The count [1,234 in all',
      'continued on the next line]'
    ].join('\n')
    // The one above the last is a bracket the next line closes: a "[" before a number with no "]" on its line is taken for a rule.
    expect(withoutTableRules(text)).toBe(text.replace('[1,234', '1,234'))
  })
})
