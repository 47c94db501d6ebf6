import { describe, expect, it } from 'vitest'
import { dateFormatOf, serialDateText, sheetNumberText, writtenNumberText } from '../../../../../../src/main/core/import/workbook/number-format'

describe('number formats', () => {
  it('tells dates, date-times and times from numbers, built-in and custom', () => {
    expect([14, 15, 22, 45, 0, 1, 10, 49].map((id) => dateFormatOf(id, null))).toEqual(['date', 'date', 'datetime', 'time', null, null, null, null])
    const custom = ['yyyy-mm-dd', 'd-mmm-yy', 'mmm yyyy', 'h:mm AM/PM', 'mm:ss', '[h]:mm:ss', 'yyyy-mm-dd hh:mm', '#,##0', '0.0%', '"Days: "0', '[Red]#,##0;[Blue]-#,##0', '[$-409]d\\-mmm\\-yyyy;@', 'General', '0.00E+00', '#,##0 "mm"']
    expect(custom.map((code) => dateFormatOf(200, code))).toEqual(['date', 'date', 'date', 'time', 'time', 'time', 'datetime', null, null, null, null, 'date', null, null, null])
  })

  it('turns serials into calendar dates in both date systems, Excel’s 1900-02-29 included', () => {
    expect(serialDateText(1, 'date', false)).toBe('1900-01-01')
    expect(serialDateText(59, 'date', false)).toBe('1900-02-28')
    expect(serialDateText(60, 'date', false)).toBe('1900-02-29')
    expect(serialDateText(61, 'date', false)).toBe('1900-03-01')
    expect(serialDateText(41058, 'date', false)).toBe('2012-05-29')
    expect(serialDateText(0, 'date', true)).toBe('1904-01-01')
    expect(serialDateText(39596, 'date', true)).toBe('2012-05-29')
    expect(serialDateText(41058.5729166667, 'datetime', false)).toBe('2012-05-29T13:45:00')
    expect(serialDateText(41058.99999999, 'datetime', false)).toBe('2012-05-30T00:00:00')
    expect(serialDateText(41058.25, 'date', false)).toBe('2012-05-29')
    expect(serialDateText(0.75, 'time', false)).toBe('18:00:00')
    expect(serialDateText(-1, 'date', false)).toBe('1899-12-30')
    expect(serialDateText(3e6, 'date', false)).toBeNull()
  })
})

describe('serial dates against the calendar', () => {
  it('agrees with Date on every day from 1900-03-01 to 2100, in both systems', () => {
    for (let serial = 61; serial < 73_051; serial += 1) {
      const expected = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10)
      if (serialDateText(serial, 'date', false) !== expected) throw new Error(`serial ${serial}: ${serialDateText(serial, 'date', false)} ≠ ${expected}`)
      const expected1904 = new Date(Date.UTC(1904, 0, 1) + serial * 86_400_000).toISOString().slice(0, 10)
      if (serialDateText(serial, 'date', true) !== expected1904) throw new Error(`1904 serial ${serial}`)
    }
    expect(serialDateText(2_958_465, 'date', false)).toBe('9999-12-31')
  })
})

describe('a number cell spelled alike from every format', () => {
  it('rounds to 15 significant digits in JavaScript’s spelling, keeps whole numbers’ digits, and leaves what no double holds as written', () => {
    expect(['1.5E-007', '0.30000000000000004', '1.23456789012346E+016', '2012', '9007199254740993', '1E+400', 'NaN', '-0.5'].map(writtenNumberText)).toEqual([
      '1.5e-7',
      '0.3',
      '12345678901234600',
      '2012',
      '9007199254740993',
      '1E+400',
      'NaN',
      '-0.5'
    ])
    expect([0.30000000000000004, 12345678901234568, -0, 1e21].map(sheetNumberText)).toEqual(['0.3', '12345678901234600', '0', '1e+21'])
  })
})
