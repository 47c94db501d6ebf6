import { describe, expect, it } from 'vitest'
import { headerMark, raised, raisedRuns, raisedSpans } from '../../../../../../src/main/core/import/workbook/superscript-marks'

describe('footnote marks set in superscript', () => {
  it('raises a run only when each of its characters has a superscript form', () => {
    expect(raised('1')).toBe('¹')
    expect(raised('1,2')).toBe('¹,²')
    expect(raised('a')).toBe('ᵃ')
    // No superscript q or capital: the run stays as written rather than half raised.
    expect(raised('q1')).toBe('q1')
    expect(raised('TM')).toBe('TM')
  })

  it('takes a mark off the end of a header label, and leaves labels without one', () => {
    expect(headerMark('Removals¹')).toEqual({ label: 'Removals', mark: '¹', plain: '1' })
    expect(headerMark('Returns ¹,²')).toEqual({ label: 'Returns', mark: '¹,²', plain: '1,2' })
    expect(headerMark('Total*ᵃ')).toEqual({ label: 'Total', mark: '*ᵃ', plain: '*a' })
    expect(headerMark('Removals1')).toBeNull()
    expect(headerMark('Total*')).toBeNull()
    expect(headerMark('¹')).toBeNull()
    // A unit's power is part of the label.
    expect(headerMark('Area, km²')).toBeNull()
    expect(headerMark('Volume ft³')).toBeNull()
  })

  it('raises the superscript runs of a shared string (.xlsx) and the superscript spans of a cell (.ods)', () => {
    const si = '<r><rPr><sz val="10"/></rPr><t xml:space="preserve">Removals</t></r><r><rPr><vertAlign val="superscript"/><sz val="10"/></rPr><t xml:space="preserve">1</t></r>'
    expect(raisedRuns(si)).toContain('<t xml:space="preserve">¹</t>')
    expect(raisedRuns(si.replace('superscript', 'subscript'))).toBe(si.replace('superscript', 'subscript'))
    const cell = '<text:p>Removals<text:span text:style-name="T2">1</text:span> and <text:span text:style-name="T1">bold</text:span></text:p>'
    expect(raisedSpans(cell, new Set(['T2']))).toBe('<text:p>Removals¹ and <text:span text:style-name="T1">bold</text:span></text:p>')
  })

  it('reads hostile strings in time linear in their length: a run that never ends, a label of a million marks', () => {
    const open = `<r><rPr><vertAlign val="superscript"/></rPr><t>1</t>${'<r>'.repeat(200_000)}`
    expect(raisedRuns(open)).toBe(open)
    const marks = headerMark(`Removals${'¹'.repeat(1_000_000)}`)
    expect(marks?.mark).toBe('¹'.repeat(16))
  })
})
