// Runs axe-core in the page and returns what it finds as short lines a failing assertion can print.
// The source is evaluated over the devtools protocol rather than added as a <script>: the app's CSP
// refuses inline scripts, and loosening it for a test would test a different app.

import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from '@playwright/test'
import type { AxeResults, RunOptions } from 'axe-core'

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/**
 * WCAG 2.0–2.2 at levels A and AA, and axe's best practices (a level-one heading, landmarks…).
 * label-content-name-mismatch (WCAG 2.1 "Label in Name") is marked experimental by axe and so is off
 * unless named; it is named.
 */
const RUN_OPTIONS: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  rules: { 'label-content-name-mismatch': { enabled: true } },
  resultTypes: ['violations']
}

/** Every violation on the page as it is now: "rule-id (impact): target — summary", one per element. */
export async function axeViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in globalThis)
  if (!loaded) await page.evaluate(AXE_SOURCE)
  const results = await page.evaluate(
    (options) => (globalThis as unknown as { axe: { run(context: Document, options: unknown): Promise<AxeResults> } }).axe.run(document, options),
    RUN_OPTIONS
  )
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id} (${violation.impact ?? 'no impact'}): ${node.target.join(' ')} — ${node.failureSummary?.replace(/\s+/g, ' ') ?? violation.help}`)
  )
}
