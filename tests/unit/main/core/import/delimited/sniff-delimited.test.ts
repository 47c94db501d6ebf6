import { describe, expect, it } from 'vitest'
import { sniffDelimited, type SniffInput } from '../../../../../../src/main/core/import/delimited/sniff-delimited'

function sniff(sample: string, overrides: Partial<SniffInput> = {}): ReturnType<typeof sniffDelimited> {
  return sniffDelimited({ sample, sampleIsWholeFile: true, fileName: 'data.csv', delimiter: null, quote: 'double', ...overrides })
}

describe('sniffDelimited', () => {
  it('picks the delimiter that splits records into the same number of fields', () => {
    expect(sniff('a,b,c\n1,2,3\n4,5,6\n').delimiter).toBe(',')
    expect(sniff('a;b;c\n1,5;2;3\n4;5,5;6\n').delimiter).toBe(';')
    expect(sniff('a|b\n1|2\n').delimiter).toBe('|')
    expect(sniff('a\tb\n1\t2\n').delimiter).toBe('\t')
  })

  it('respects quotes while counting', () => {
    expect(sniff('name,note\n"x","a;b;c;d"\n"y","e;f;g;h"\n').delimiter).toBe(',')
  })

  it('prefers more fields when two delimiters are about as consistent', () => {
    // Every row has one "City, ST" value, but the tabs give seven columns.
    const rows = Array.from({ length: 20 }, (_, i) => `${i}\tHouston, TX\tb\tc\td\te\tf`)
    rows[5] += '\textra'
    expect(sniff(['id\tcity\tb\tc\td\te\tf', ...rows].join('\n')).delimiter).toBe('\t')
  })

  it('ignores the last, possibly cut, record of a partial sample', () => {
    expect(sniff('a;b\n1;2\n3;4\nx,y,z,w,v', { sampleIsWholeFile: false }).delimiter).toBe(';')
  })

  it('falls back to a comma for a single column', () => {
    expect(sniff('name\nalpha\nbeta\n').delimiter).toBe(',')
  })

  it('takes tab for .tsv and .tab files, and whatever the user chose', () => {
    expect(sniff('a,b\n1,2\n', { fileName: 'x.TSV' }).delimiter).toBe('\t')
    expect(sniff('a,b\n1,2\n', { fileName: 'x.tab' }).delimiter).toBe('\t')
    expect(sniff('a,b\n1,2\n', { delimiter: '|' }).delimiter).toBe('|')
  })

  it('turns quoting off for tab files in which no field starts with a quote', () => {
    expect(sniff('a\tb\n5" tall\tx\n')).toEqual({ delimiter: '\t', quote: 'none' })
    expect(sniff('a\tb\n"5, tall"\tx\n')).toEqual({ delimiter: '\t', quote: 'double' })
    expect(sniff('a,b\n5" tall,x\n')).toEqual({ delimiter: ',', quote: 'double' })
    expect(sniff('a\tb\n"x"\ty\n', { quote: 'none' })).toEqual({ delimiter: '\t', quote: 'none' })
  })
})
