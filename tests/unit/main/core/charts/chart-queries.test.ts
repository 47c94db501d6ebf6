import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from 'better-sqlite3'
import type { ChartSpec } from '../../../../../src/shared/chart-spec'
import { chartDrawer, type ChartDrawer } from '../../../../../src/main/core/charts/aggregate-chart'
import { deleteChart, duplicateChart, getChart, listCharts, saveChart, updateChart } from '../../../../../src/main/core/charts/chart-queries'
import { insertNote } from '../../../../../src/main/core/notes/note-queries'
import { tempArchive } from '../../../../helpers/temp-archive'

let db: Database
let cleanup: () => void
let spec: ChartSpec
let draw: ChartDrawer

beforeAll(async () => {
  const made = await tempArchive(true)
  db = made.archive.db
  cleanup = made.cleanup
  draw = chartDrawer(db, null)
  const removals = db.prepare("SELECT id FROM datasets WHERE name LIKE 'ICE removals%'").get() as { id: number }
  spec = { datasetId: removals.id, type: 'line', title: 'Removals', x: { column: 0, bucket: null }, y: { aggregate: 'sum', column: 2 }, groupBy: null, share: null, filters: [] }
})
afterAll(() => cleanup())

describe('saved charts', () => {
  it('saves, lists, renames, duplicates and deletes charts', async () => {
    const saved = await saveChart(db, '  ', spec, draw)
    expect(saved).toMatchObject({ name: 'Removals', datasetId: spec.datasetId, spec })
    const renamed = (await updateChart(db, saved.id, 'Removals by year', { ...spec, type: 'bar' }, draw))!
    expect(renamed).toMatchObject({ name: 'Removals by year', spec: { type: 'bar' } })
    const copy = (await duplicateChart(db, saved.id, draw))!
    expect(copy.name).toBe('Removals by year (copy)')
    expect(listCharts(db).map((chart) => chart.name).filter((name) => name.startsWith('Removals'))).toEqual(['Removals by year', 'Removals by year (copy)'])
    expect(deleteChart(db, copy.id)).toBe(true)
    expect(getChart(db, copy.id)).toBeNull()
    expect(await updateChart(db, copy.id, 'x', spec, draw)).toBeNull()
    expect(await duplicateChart(db, copy.id, draw)).toBeNull()
  })

  it('draws a chart with the drawer it is given before storing it, and stores nothing when that drawing fails', async () => {
    const drawn: ChartSpec[] = []
    const recording: ChartDrawer = (asked) => (drawn.push(asked), draw(asked))
    const saved = await saveChart(db, 'Drawn elsewhere', spec, recording)
    await updateChart(db, saved.id, 'Drawn elsewhere', { ...spec, type: 'bar' }, recording)
    await duplicateChart(db, saved.id, recording)
    expect(drawn).toEqual([spec, { ...spec, type: 'bar' }, { ...spec, type: 'bar' }])
    const before = listCharts(db).length
    await expect(saveChart(db, 'Never', spec, () => Promise.reject(new Error('the rows pool stopped')))).rejects.toThrow('the rows pool stopped')
    await expect(updateChart(db, saved.id, 'Never', spec, () => Promise.reject(new Error('the rows pool stopped')))).rejects.toThrow('the rows pool stopped')
    expect(listCharts(db)).toHaveLength(before)
    expect(getChart(db, saved.id)!.name).toBe('Drawn elsewhere')
  })

  it('refuses a spec the data cannot draw, and a chart that a note cites', async () => {
    await expect(saveChart(db, 'Bad', { ...spec, y: { aggregate: 'sum', column: 1 } }, draw)).rejects.toThrow('“measure” holds text values; a sum needs a column of numbers.')
    await expect(saveChart(db, 'Bad', { ...spec, type: 'pie' as ChartSpec['type'] }, draw)).rejects.toThrow('This chart cannot be saved: chart.type must be one of line, bar, stacked-bar, area, scatter')
    const chart = await saveChart(db, 'Cited', spec, draw)
    const note = insertNote(db, 'Uses the chart', '').id
    db.prepare("INSERT INTO citations (note_id, kind, chart_id, created_at) VALUES (?, 'chart', ?, '2026-01-01')").run(note, chart.id)
    expect(() => deleteChart(db, chart.id)).toThrow('This chart is cited once in notes; remove those citations before deleting it.')
  })

  it('refuses to delete a chart a note draws, so the note never shows the next chart given its id', async () => {
    const chart = await saveChart(db, 'Drawn', spec, draw)
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
