import { expect, test } from 'vitest'
import { normaliseDate } from '../../../../../../src/main/core/import/article/normalise-date'

test.each([
  ['2012-06-07', '2012-06-07'],
  ['2012-06-07T23:30:00-07:00', '2012-06-07'],
  ['2012-06-07 09:00', '2012-06-07'],
  ['2012/6/7', '2012-06-07'],
  ["D:20120529140000-04'00'", '2012-05-29'],
  ['20120529', '2012-05-29'],
  ['June 7, 2012', '2012-06-07'],
  ['Thursday, Jun. 7th, 2012', '2012-06-07'],
  ['7 June 2012', '2012-06-07'],
  ['2012-02-29', '2012-02-29'],
  ['2011-02-29', null],
  ['2012-13-01', null],
  ['2012-06-00', null],
  ['Juneteenth 2012', null],
  ['yesterday', null],
  ['', null]
])('normaliseDate(%j) is %j', (input, expected) => {
  expect(normaliseDate(input)).toBe(expected)
})
