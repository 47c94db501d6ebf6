// A chart's numbers as CSV, made in the page, and the browser's own download for it and for the
// chart's picture (chart-png.ts); the app's window asks where to save. The CSV holds what the chart
// shows, aggregated: one line per x label, one column per series.

import type { ChartData } from '@shared/chart-spec'

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote, a line break or edge spaces. */
export function csvField(value: string | number | null): string {
  if (value === null) return ''
  const text = String(value)
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function chartDataCsv(data: Pick<ChartData, 'xLabel' | 'labels' | 'series'>): string {
  const lines = [[data.xLabel, ...data.series.map((series) => series.name)]]
  data.labels.forEach((label, index) => {
    const values = data.series.map((series) => {
      const value = series.values[index]
      return value === null || value === undefined ? '' : String(value)
    })
    lines.push([label, ...values])
  })
  return lines.map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n'
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
