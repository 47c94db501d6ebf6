import { readdirSync, readFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readPath, settingsFor } from './read-fixture'

const SPECTRUM = resolve(import.meta.dirname, '../../../../../../node_modules/csv-spectrum')
// location_coordinates is wrong upstream: its JSON is a single object rather than an array of rows,
// and its phone number differs from the one in the CSV, so there is nothing correct to compare to.
const KNOWN_WRONG = new Set(['location_coordinates'])
const CASES = readdirSync(join(SPECTRUM, 'csvs'))
  .map((file) => basename(file, '.csv'))
  .filter((name) => !KNOWN_WRONG.has(name))
  .sort()

function expectedRows(name: string): { header: string[]; rows: (string | null)[][] } {
  const objects = JSON.parse(readFileSync(join(SPECTRUM, 'json', `${name}.json`), 'utf8')) as Record<string, string>[]
  const header = Object.keys(objects[0]!)
  // The corpus writes an empty field as ""; Casefile reads it as null.
  return { header, rows: objects.map((object) => header.map((key) => (object[key] === '' ? null : object[key]!))) }
}

describe('csv-spectrum corpus', () => {
  it('covers every case but the one known to be wrong', () => {
    expect(CASES).toHaveLength(11)
  })

  // 1 MB is the real chunk size; the tiny ones put every character, CRLF and "" on a chunk edge.
  describe.each([1024 * 1024, 7, 3, 2, 1])('read in %i-byte chunks', (chunkBytes) => {
    it.each(CASES)('%s', async (name) => {
      const { header, rows } = expectedRows(name)
      const { result, sink } = await readPath(join(SPECTRUM, 'csvs', `${name}.csv`), settingsFor({}, chunkBytes))
      expect(sink.labels).toEqual(header)
      expect(sink.rowsReceived).toEqual(rows)
      expect(sink.warnings).toEqual([])
      expect(result).toMatchObject({ delimiter: ',', quote: 'double', encoding: 'utf-8', rows: rows.length })
    })
  })
})
