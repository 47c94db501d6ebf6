// The chart builder's preview: the spec is drawn a moment after the last change (not on every key
// press), and an answer to a spec that has since changed is dropped, so the preview never shows an
// older chart over a newer one. A spec that cannot be drawn shows the archive's reason instead.

import type { ChartData, ChartSpec } from '@shared/chart-spec'
import { api, toFailure } from '../lib/api'

export const PREVIEW_DELAY_MS = 250

export class ChartPreviewState {
  /** The last chart drawn; kept while a newer one is computed, so the preview does not flash. */
  data = $state.raw<ChartData | null>(null)
  status = $state<'idle' | 'loading' | 'ready' | 'problem'>('idle')
  /** Why the current spec cannot be drawn (the builder's own check or the archive's reason). */
  problem = $state<string | null>(null)

  #seq = 0
  #timer: ReturnType<typeof setTimeout> | undefined

  /** Draws `spec` after the delay (or at once); earlier pending requests are forgotten. */
  request(spec: ChartSpec, delay: number): void {
    const seq = ++this.#seq
    clearTimeout(this.#timer)
    this.status = 'loading'
    this.#timer = setTimeout(() => void this.#fetch(spec, seq), delay)
  }

  /** The spec cannot be drawn for a reason the builder already knows. */
  refuse(problem: string): void {
    this.#seq++
    clearTimeout(this.#timer)
    this.problem = problem
    this.status = 'problem'
  }

  dispose(): void {
    this.#seq++
    clearTimeout(this.#timer)
  }

  async #fetch(spec: ChartSpec, seq: number): Promise<void> {
    try {
      const data = await api.chartData({ spec })
      if (seq !== this.#seq) return
      this.data = data
      this.problem = null
      this.status = 'ready'
    } catch (caught) {
      if (seq !== this.#seq) return
      this.problem = toFailure(caught).message
      this.status = 'problem'
    }
  }
}
