import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Database } from 'better-sqlite3'
import { chartConfig } from '@shared/chart-config'
import type { ChartData } from '@shared/chart-spec'
import type { ChartDrawer } from '../charts/aggregate-chart'
import { getChart } from '../charts/chart-queries'

/** A note's text embeds a saved chart with [[chart:ID]]. */
export const CHART_TOKEN = /\[\[chart:(\d{1,15})\]\]/g

export interface EmbeddedChart {
  id: number
  name: string
  /** The chart's numbers, or why it cannot be drawn (its dataset changed, say). */
  data: ChartData | null
  problem: string | null
}

/** Every chart the notes embed, in order of first appearance, drawn now by `draw` (in the app, on the rows pool's threads). */
export async function embeddedCharts(db: Database, bodies: readonly string[], draw: ChartDrawer): Promise<Map<number, EmbeddedChart>> {
  const charts = new Map<number, EmbeddedChart>()
  for (const body of bodies) {
    for (const match of body.matchAll(CHART_TOKEN)) {
      const id = Number(match[1])
      if (charts.has(id)) continue
      const chart = getChart(db, id)
      if (!chart) {
        charts.set(id, { id, name: `Chart ${id}`, data: null, problem: 'this chart no longer exists' })
        continue
      }
      try {
        charts.set(id, { id, name: chart.name, data: await draw(chart.spec), problem: null })
      } catch (error) {
        charts.set(id, { id, name: chart.name, data: null, problem: error instanceof Error ? error.message : String(error) })
      }
    }
  }
  return charts
}

function chartJsSource(): string {
  // chart.js ships a self-contained UMD build beside its module entry.
  const entry = createRequire(import.meta.url).resolve('chart.js')
  return readFileSync(join(dirname(entry), 'chart.umd.min.js'), 'utf8')
}

/**
 * The scripts that draw the embedded charts when the document opens (or is printed), with the
 * CSP hashes that allow exactly these scripts and nothing else: the note text itself can never
 * add one. Configurations are JSON, with "<" escaped so no text can close the script element.
 */
export function chartScripts(charts: ReadonlyMap<number, EmbeddedChart>): { html: string; hashes: string[] } {
  const drawable = [...charts.values()].filter((chart) => chart.data !== null)
  if (drawable.length === 0) return { html: '', hashes: [] }
  const configs = Object.fromEntries(
    drawable.map((chart) => {
      const config = chartConfig(chart.data!, { animate: false, textColour: '#222222', gridColour: '#dddddd' })
      return [chart.id, { ...config, options: { ...config.options, devicePixelRatio: 2 } }]
    })
  )
  const scripts = [
    chartJsSource(),
    `(function () { var charts = ${JSON.stringify(configs).replaceAll('<', '\\u003c')}; for (var id in charts) { var canvas = document.getElementById('chart-canvas-' + id); if (canvas) new Chart(canvas, charts[id]); } })();`
  ]
  return {
    html: scripts.map((script) => `<script>${script}</script>`).join('\n'),
    hashes: scripts.map((script) => `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`)
  }
}
