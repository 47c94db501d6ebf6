// One chart.js configuration per chart, built from the aggregated numbers: the app draws it in the
// renderer, the CLI draws the very same configuration in headless Chromium for --png. It is plain
// JSON (no callbacks), so it can cross into a page as data.

import type { ChartConfiguration } from 'chart.js'
import type { ChartData } from './chart-spec'

/** Distinguishable in light and dark themes and for the common colour-vision deficiencies. */
export const SERIES_COLOURS = ['#1f77b4', '#e6842a', '#2ca02c', '#d62728', '#8c6bb1', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf']

/** Breaks long text into lines of at most `width` characters (chart.js titles do not wrap). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  if (line !== '') lines.push(line)
  return lines
}

export function chartConfig(data: ChartData, options: { animate: boolean; textColour: string; gridColour: string }): ChartConfiguration<'bar' | 'line'> {
  const { type } = data.spec
  const stacked = type === 'stacked-bar'
  const bar = type === 'bar' || stacked
  // The rate a chart shows is read with its title: a second line under it.
  const heading = [data.spec.title.trim(), data.share?.text ?? ''].filter((line) => line !== '')
  return {
    type: bar ? 'bar' : 'line',
    data: {
      labels: data.labels,
      datasets: data.series.map((series, index) => {
        const colour = SERIES_COLOURS[index % SERIES_COLOURS.length]!
        return {
          label: series.name,
          data: series.values,
          backgroundColor: type === 'area' ? `${colour}55` : colour,
          borderColor: colour,
          borderWidth: bar ? 0 : 2,
          fill: type === 'area' ? (stacked ? 'stack' : 'origin') : false,
          showLine: type !== 'scatter',
          pointRadius: type === 'scatter' ? 3 : data.labels.length > 60 ? 0 : 2,
          spanGaps: false
        }
      })
    },
    options: {
      animation: options.animate ? undefined : false,
      responsive: true,
      maintainAspectRatio: false,
      color: options.textColour,
      scales: {
        x: { stacked, title: { display: true, text: data.xLabel, color: options.textColour }, ticks: { color: options.textColour }, grid: { color: options.gridColour } },
        y: { stacked, beginAtZero: true, title: { display: true, text: data.yLabel, color: options.textColour }, ticks: { color: options.textColour }, grid: { color: options.gridColour } }
      },
      plugins: {
        title: { display: heading.length > 0, text: heading, color: options.textColour, font: { size: 16 } },
        subtitle: { display: true, text: wrap(data.caption, 140), position: 'bottom', color: options.textColour, font: { size: 11 }, padding: { top: 8 } },
        legend: { display: data.series.length > 1, labels: { color: options.textColour } }
      }
    }
  }
}
