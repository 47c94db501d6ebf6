import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { ChartData } from '@shared/chart-spec'
import { chartConfig } from '@shared/chart-config'
import { CHROMIUM_FLAGS } from './chromium-flags'

function chartJsSource(): string {
  // chart.js ships a self-contained UMD build beside its module entry.
  const entry = createRequire(import.meta.url).resolve('chart.js')
  return readFileSync(join(dirname(entry), 'chart.umd.min.js'), 'utf8')
}

/** The picture's width in CSS pixels (drawn at twice that in device pixels). */
export const CHART_PNG_WIDTH = 1000

/**
 * Draws a chart to PNG with chart.js in headless Chromium: the same configuration the app draws.
 * The page holds only chart.js and the numbers; every request it might make is refused.
 */
export async function renderChartPng(executablePath: string, data: ChartData, width = CHART_PNG_WIDTH, height = 560): Promise<Uint8Array> {
  // Loaded on use: see chromium-pdf-printer.ts.
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({ executablePath, args: ['--headless', ...CHROMIUM_FLAGS] })
  try {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 2 })
    await page.route('**/*', (route) => route.abort())
    const config = chartConfig(data, { animate: false, textColour: '#222222', gridColour: '#e3e3e3' })
    await page.setContent(
      `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;background:#fff}#box{width:${width}px;height:${height}px;padding:12px;box-sizing:border-box}</style></head><body><div id="box"><canvas id="chart"></canvas></div></body></html>`
    )
    await page.addScriptTag({ content: chartJsSource() })
    // Evaluated as source text (this file is compiled without the DOM types); the configuration is
    // JSON, a valid JavaScript expression.
    await page.evaluate(`new Chart(document.getElementById('chart'), ${JSON.stringify(config)}); true`)
    return await page.locator('#box').screenshot({ type: 'png' })
  } finally {
    await browser.close()
  }
}
