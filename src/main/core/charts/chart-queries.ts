import type { Database } from 'better-sqlite3'
import { chartSpecValidator, type ChartSpec } from '@shared/chart-spec'
import type { SavedChart } from '@shared/model'
import type { ChartDrawer } from './aggregate-chart'
import { sqlRows, sqlValues } from '../db/sql-rows'
import { InvalidRequest } from '../invalid-request'

const CHART_ROW = sqlRows({ id: 'integer', name: 'text', dataset_id: 'integer', spec: 'text', created_at: 'text', updated_at: 'text' })
const CHART_COLUMNS = 'id, name, dataset_id, spec, created_at, updated_at'

function toChart(row: ReturnType<typeof CHART_ROW.one>): SavedChart {
  // The spec was checked (chartSpecValidator, and drawn once) before it was stored.
  return { id: row.id, name: row.name, datasetId: row.dataset_id, spec: JSON.parse(row.spec) as ChartSpec, createdAt: row.created_at, updatedAt: row.updated_at }
}

/**
 * Refuses a spec that is malformed or that the data cannot draw, before anything is stored. `draw`
 * draws it (in the app on the rows pool's threads, and kept in the chart cache for the window).
 */
async function checkedSpec(spec: ChartSpec, draw: ChartDrawer): Promise<string> {
  const problem = chartSpecValidator.check(spec, 'chart')
  if (problem) throw new InvalidRequest(`This chart cannot be saved: ${problem}.`)
  await draw(spec)
  return JSON.stringify(spec)
}

function cleanName(name: string, spec: ChartSpec): string {
  const trimmed = name.trim() || spec.title.trim() || 'Untitled chart'
  return trimmed.slice(0, 300)
}

export function listCharts(db: Database): SavedChart[] {
  return CHART_ROW.all(db.prepare(`SELECT ${CHART_COLUMNS} FROM charts ORDER BY name COLLATE NOCASE, id`)).map(toChart)
}

export function getChart(db: Database, id: number): SavedChart | null {
  const row = CHART_ROW.get(db.prepare(`SELECT ${CHART_COLUMNS} FROM charts WHERE id = ?`), id)
  return row === null ? null : toChart(row)
}

export async function saveChart(db: Database, name: string, spec: ChartSpec, draw: ChartDrawer): Promise<SavedChart> {
  const json = await checkedSpec(spec, draw)
  const now = new Date().toISOString()
  const id = db
    .prepare('INSERT INTO charts (name, dataset_id, spec, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
    .run(cleanName(name, spec), BigInt(spec.datasetId), json, now, now).lastInsertRowid
  return getChart(db, Number(id))!
}

export async function updateChart(db: Database, id: number, name: string, spec: ChartSpec, draw: ChartDrawer): Promise<SavedChart | null> {
  const json = await checkedSpec(spec, draw)
  const changed = db
    .prepare('UPDATE charts SET name = ?, dataset_id = ?, spec = ?, updated_at = ? WHERE id = ?')
    .run(cleanName(name, spec), BigInt(spec.datasetId), json, new Date().toISOString(), id).changes
  return changed > 0 ? getChart(db, id) : null
}

export async function duplicateChart(db: Database, id: number, draw: ChartDrawer): Promise<SavedChart | null> {
  const chart = getChart(db, id)
  return chart ? saveChart(db, `${chart.name} (copy)`, chart.spec, draw) : null
}

/** Deletes a chart unless a note cites it: the note's citation would point at nothing. */
export function deleteChart(db: Database, id: number): boolean {
  const cited = sqlValues('integer').one(db.prepare('SELECT count(*) FROM citations WHERE chart_id = ?').pluck(), id)
  if (cited > 0) throw new InvalidRequest(`This chart is cited ${cited === 1 ? 'once' : `${cited} times`} in notes; remove those citations before deleting it.`)
  // A note that draws the chart ([[chart:ID]]) would otherwise show whatever chart is saved next
  // under the same id (SQLite hands out the highest id again once it is free).
  const showing = sqlValues('text').all(db.prepare('SELECT title FROM notes WHERE instr(body, ?) > 0 ORDER BY id').pluck(), `[[chart:${id}]]`)
  if (showing.length > 0) {
    const named = showing.slice(0, 3).map((title) => `“${title.trim() || 'Untitled'}”`).join(', ') + (showing.length > 3 ? ` and ${showing.length - 3} more` : '')
    throw new InvalidRequest(
      `This chart is drawn in ${showing.length === 1 ? `the note ${named}` : `${showing.length} notes (${named})`}; remove it from ${showing.length === 1 ? 'that note' : 'them'} before deleting it.`
    )
  }
  return db.prepare('DELETE FROM charts WHERE id = ?').run(id).changes > 0
}
