// A chart's numbers as CSV, made in the page, and the browser's own download for it and for the
// chart's picture (chart-png.ts); the app's window asks where to save. The CSV holds what the chart
// shows, aggregated: one line per x label, one column per series.

import type { ChartData } from '@shared/chart-spec'
import { csvField, startsLikeFormula } from '@shared/csv-field'

/**
 * A chart's numbers as CSV, for a spreadsheet program: a label or series name that starts like a
 * formula ("=SUM…", "+1 call") gets a leading ', which Excel and LibreOffice read as "this is text"
 * and do not show. Unlike a dataset's export, this file is not read back, so nothing is lost.
 */
export function chartDataCsv(data: Pick<ChartData, 'xLabel' | 'labels' | 'series'>): string {
  const text = (value: string) => csvField(startsLikeFormula(value) ? `'${value}` : value)
  const lines = [[data.xLabel, ...data.series.map((series) => series.name)].map(text).join(',')]
  data.labels.forEach((label, index) => {
    // Numbers are written as numbers: "-1.5e-7" is no formula.
    const values = data.series.map((series) => csvField(series.values[index] ?? null))
    lines.push([text(label), ...values].join(','))
  })
  return lines.join('\r\n') + '\r\n'
}

/** Offers `blob` as a download called `fileName`. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // The download has its own reference by now; the address is only needed for the click.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
