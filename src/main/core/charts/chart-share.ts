// The rate a chart is about, worked out from its own bars ("4,403 of 288,361: 1.53%"), so the figure
// a reader quotes comes from the data, not from a title typed by hand.
import type { ChartShare, ChartSpec } from '@shared/chart-spec'
import { InvalidRequest } from '../invalid-request'

/**
 * `labels` are the x values as stored (what `spec.share` names), `values` the one series' figures.
 * Refuses, in words, a share the chart cannot show: a bar that is not there, or one without a figure.
 */
export function chartShare(spec: ChartSpec, xLabel: string, labels: readonly string[], series: readonly { values: (number | null)[] }[]): ChartShare | null {
  if (spec.share === null) return null
  const { part, whole } = spec.share
  if (spec.groupBy !== null) throw new InvalidRequest(`A share compares two bars of one series; remove the series to show it.`)
  const figure = (label: string): number => {
    const at = labels.indexOf(label)
    if (at < 0) throw new InvalidRequest(`“${label}” is not a value on the x axis (${xLabel}), so its share of “${label === part ? whole : part}” cannot be shown; choose two values the chart shows.`)
    const value = series[0]?.values[at] ?? null
    if (value === null) throw new InvalidRequest(`“${label}” has no figure in this chart, so the share of “${part}” in “${whole}” cannot be shown.`)
    return value
  }
  const partValue = figure(part)
  const wholeValue = figure(whole)
  if (wholeValue === 0) throw new InvalidRequest(`“${whole}” is 0 in this chart, so nothing can be a share of it.`)
  const percent = (partValue / wholeValue) * 100
  const count = (value: number) => value.toLocaleString('en-US')
  return {
    part: { label: part, value: partValue },
    whole: { label: whole, value: wholeValue },
    percent,
    text: `${part}: ${percent.toFixed(2)}% of ${whole} (${count(partValue)} of ${count(wholeValue)})`
  }
}
