import { describe, expect, it } from 'vitest'
import { SharedStrings } from '../../../../../../src/main/core/import/workbook/shared-strings'

describe('SharedStrings', () => {
  it('gives back every string as added, past many growths, whatever its characters', () => {
    const strings = new SharedStrings()
    const added: string[] = []
    for (let i = 0; i < 200_000; i++) {
      const text = i % 7 === 0 ? '' : i % 5 === 0 ? `Zürich — ${i} ✓ 𝔸` : `A${String(i).padStart(9, '0')}`
      added.push(text)
      strings.add(text)
    }
    const long = 'x'.repeat(3_000_000)
    strings.add(long)
    expect(strings.length).toBe(200_001)
    for (let i = 0; i < added.length; i += 997) expect(strings.get(i)).toBe(added[i])
    expect(strings.get(5)).toBe('Zürich — 5 ✓ 𝔸')
    expect(strings.get(200_000)).toBe(long)
    expect([strings.get(200_001), strings.get(-1), strings.get(Number.NaN)]).toEqual([undefined, undefined, undefined])
  })
})
