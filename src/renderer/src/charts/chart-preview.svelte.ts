// The chart builder's preview: the spec is drawn a moment after the last change (not on every key
// press), and an answer to a spec that has since changed is dropped (the Loadable's sequence), so
// the preview never shows an older chart over a newer one. A spec that cannot be drawn shows the
// builder's or the archive's reason instead.

import type { ChartData, ChartSpec } from '@shared/chart-spec'
import { api } from '../lib/api'
import { Loadable } from '../lib/loadable.svelte'

export const PREVIEW_DELAY_MS = 250

export class ChartPreviewState {
  /** The last chart drawn; kept while a newer one is computed, so the preview does not flash. */
  readonly #chart = new Loadable<ChartData>()
  /** Why the builder will not ask for the current spec, before the archive is asked anything. */
  #refusal = $state<string | null>(null)
  #timer: ReturnType<typeof setTimeout> | undefined

  get data(): ChartData | null {
    return this.#chart.value
  }

  get status(): 'idle' | 'loading' | 'ready' | 'problem' {
    if (this.#refusal !== null || this.#chart.status === 'error') return 'problem'
    return this.#chart.status
  }

  /** Why the current spec cannot be drawn (the builder's own check or the archive's reason). */
  get problem(): string | null {
    return this.#refusal ?? this.#chart.error?.message ?? null
  }

  /** Draws `spec` after the delay (or at once); earlier pending requests are forgotten. */
  request(spec: ChartSpec, delay: number): void {
    clearTimeout(this.#timer)
    this.#refusal = null
    this.#chart.expect()
    this.#timer = setTimeout(() => void this.#chart.load(() => api.chartData({ spec })), delay)
  }

  /** The spec cannot be drawn for a reason the builder already knows. */
  refuse(problem: string): void {
    clearTimeout(this.#timer)
    this.#chart.drop()
    this.#refusal = problem
  }

  dispose(): void {
    clearTimeout(this.#timer)
    this.#chart.drop()
  }
}
