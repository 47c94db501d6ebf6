import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from 'better-sqlite3'
import type { ChartSpec } from '../../../../../src/shared/chart-spec'
import { deleteChart, duplicateChart, getChart, listCharts, saveChart, updateChart } from '../../../../../src/main/core/charts/chart-queries'
import { insertNote } from '../../../../../src/main/core/notes/note-queries'
import { tempArchive } from '../../../../helpers/temp-archive'

let db: Database
let cleanup: () => void
let spec: ChartSpec

beforeAll(async () => {
  const made = await tempArchive(true)
  db = made.archive.db
  cleanup = made.cleanup
  const removals = db.prepare("SELECT id FROM datasets WHERE name LIKE 'ICE removals%'").get() as { id: number }
  spec = { datasetId: removals.id, type: 'line', title: 'Removals', x: { column: 0, bucket: null }, y: { aggregate: 'sum', column: 2 }, groupBy: null, share: null, filters: [] }
})
afterAll(() => cleanup())

describe('saved charts', () => {
  it('saves, lists, renames, duplicates and deletes charts', () => {
    const saved = saveChart(db, '  ', spec)
    expect(saved).toMatchObject({ name: 'Removals', datasetId: spec.datasetId, spec })
    const renamed = updateChart(db, saved.id, 'Removals by year', { ...spec, type: 'bar' })!
    expect(renamed).toMatchObject({ name: 'Removals by year', spec: { type: 'bar' } })
    const copy = duplicateChart(db, saved.id)!
    expect(copy.name).toBe('Removals by year (copy)')
    expect(listCharts(db).map((chart) => chart.name).filter((name) => name.startsWith('Removals'))).toEqual(['Removals by year', 'Removals by year (copy)'])
    expect(deleteChart(db, copy.id)).toBe(true)
    expect(getChart(db, copy.id)).toBeNull()
    expect(updateChart(db, copy.id, 'x', spec)).toBeNull()
    expect(duplicateChart(db, copy.id)).toBeNull()
  })

  it('refuses a spec the data cannot draw, and a chart that a note cites', () => {
    expect(() => saveChart(db, 'Bad', { ...spec, y: { aggregate: 'sum', column: 1 } })).toThrow('“measure” holds text values; a sum needs a column of numbers.')
    expect(() => saveChart(db, 'Bad', { ...spec, type: 'pie' as ChartSpec['type'] })).toThrow('This chart cannot be saved: chart.type must be one of line, bar, stacked-bar, area, scatter')
    const chart = saveChart(db, 'Cited', spec)
    const note = insertNote(db, 'Uses the chart', '').id
    db.prepare("INSERT INTO citations (note_id, kind, chart_id, created_at) VALUES (?, 'chart', ?, '2026-01-01')").run(note, chart.id)
    expect(() => deleteChart(db, chart.id)).toThrow('This chart is cited once in notes; remove those citations before deleting it.')
  })

  it('refuses to delete a chart a note draws, so the note never shows the next chart given its id', () => {
    const chart = saveChart(db, 'Drawn', spec)
    const note = insertNote(db, 'Draws the chart', `Before.\n\n[[chart:${chart.id}]]\n\nAfter.`).id
    // A longer id that starts with the same digits does not count.
    insertNote(db, 'Another chart', `[[chart:${chart.id}0]]`)
    expect(() => deleteChart(db, chart.id)).toThrow('This chart is drawn in the note “Draws the chart”; remove it from that note before deleting it.')
    insertNote(db, '', `[[chart:${chart.id}]]`)
    expect(() => deleteChart(db, chart.id)).toThrow('This chart is drawn in 2 notes (“Draws the chart”, “Untitled”); remove it from them before deleting it.')
    expect(getChart(db, chart.id)).not.toBeNull()
    db.prepare("UPDATE notes SET body = 'no chart' WHERE id = ? OR body = ?").run(note, `[[chart:${chart.id}]]`)
    expect(deleteChart(db, chart.id)).toBe(true)
  })
})
