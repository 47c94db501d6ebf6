#!/usr/bin/env node
// Draws resources/icon.png (1024 × 1024, transparent corners) from resources/icon-source/icon.svg
// with headless Chromium. electron-builder makes every platform's icon (ICNS, ICO, Linux sizes)
// from that one picture. Run after changing the SVG: node scripts/render-icon.mjs
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const SIZE = 1024
const svg = readFileSync(join(root, 'resources', 'icon-source', 'icon.svg'), 'utf8')
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
})
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE } })
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`)
  await page.screenshot({ path: join(root, 'resources', 'icon.png'), omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } })
} finally {
  await browser.close()
}
console.log('render-icon: resources/icon.png')
