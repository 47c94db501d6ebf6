import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs'
import { basename } from 'node:path'
import type { ArchiveApi } from '@shared/api'
import { chartSpecValidator, type ChartData, type ChartSpec } from '@shared/chart-spec'
import { notRegularFileReason } from '../core/fs/regular-file'
import { reasonOf } from '../core/plain-failure'
import { findChromium } from './chromium-pdf-printer'
import { CHART_PNG_WIDTH, renderChartPng } from './chromium-chart-renderer'
import { plural } from '@shared/plural'
import { CommandError, UsageError, type CliIo } from './cli-io'
import { printable } from './format'
import { outputPath, writeOutput } from './output-file'
import { allowOnly, type ParsedArgs } from './parse-cli-args'
import { unwrap } from './unwrap'

/** The spec file's text; only a regular file is read (a named pipe would wait for a writer forever). */
function readSpecText(path: string): string {
  let fd: number
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    throw new CommandError(`cannot read ${path}: ${reasonOf(error)}`)
  }
  try {
    const reason = notRegularFileReason(fstatSync(fd))
    if (reason !== null) throw new CommandError(`cannot read ${path}: ${reason}; a chart spec is a JSON file.`)
    return readFileSync(fd, 'utf8')
  } finally {
    closeSync(fd)
  }
}

function readSpec(path: string): ChartSpec {
  const text = readSpecText(path)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new CommandError(`${path} is not valid JSON: ${(error as Error).message}`)
  }
  // Spec files written before charts could show a share name none: read as asking for none.
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && !Object.hasOwn(value, 'share')) value = { ...value, share: null }
  const problem = chartSpecValidator.check(value, 'spec')
  if (problem) throw new CommandError(`${path}: ${problem}`)
  return value as ChartSpec
}

/** `chart SPEC.json [--json] [--png OUT.png [--force]]`: the aggregated series of a chart spec, and its picture. */
export async function chartCommand(api: ArchiveApi, args: ParsedArgs, io: CliIo, archivePath: string): Promise<void> {
  allowOnly(args, ['json', 'png', 'force'])
  if (args.positionals.length !== 1) throw new UsageError('chart needs one chart spec file, e.g. casefile chart removals.json --json')
  const png = args.flags.get('png')
  if (png !== undefined && typeof png !== 'string') throw new UsageError('--png needs the file to write, e.g. --png chart.png')
  const pngPath = png === undefined ? null : outputPath(png, args.flags.has('force'), archivePath)
  const spec = readSpec(args.positionals[0]!)
  const data = unwrap(await api.chartData({ spec }))
  if (pngPath !== null) {
    const chromium = findChromium(process.env)
    if (chromium === null) throw new CommandError('drawing a PNG needs Chromium: install it (apt-get install chromium) or set CHROMIUM_PATH to its executable.')
    writeOutput(pngPath, await renderChartPng(chromium, data), args.flags.has('force'))
    const crowded = crowdedBars(spec, data)
    if (crowded !== null) io.err(`  ${printable(basename(pngPath))}: ${crowded}\n`)
  }
  if (args.flags.has('json')) {
    const { labels, series, xLabel, yLabel, rows, caption, share } = data
    io.out(`${JSON.stringify({ title: spec.title, xLabel, yLabel, labels, series, rows, share, caption })}\n`)
    return
  }
  const labels = data.labels.map(printable)
  const names = data.series.map((series) => printable(series.name))
  const width = Math.max(xLabelWidth(labels, printable(data.xLabel)), 8)
  const header = [printable(data.xLabel).padEnd(width), ...names].join('  ')
  const lines = labels.map((label, index) => [label.padEnd(width), ...data.series.map((series, at) => String(series.values[index] ?? '—').padStart(names[at]!.length))].join('  '))
  // The rate a spec asks for is said under the title, as the chart and its picture show it.
  const share = data.share === null ? [] : [printable(data.share.text)]
  io.out([printable(spec.title), ...share, header, ...lines, printable(data.caption), ''].filter((line, index) => index > 0 || line !== '').join('\n'))
}

/**
 * Why a bar chart's picture may look empty: more bars than pixels across, each thinner than a pixel
 * (100,000 zip codes drew axes and a legend and nothing else). Lines and points still show.
 */
function crowdedBars(spec: ChartSpec, data: ChartData): string | null {
  if (spec.type !== 'bar' && spec.type !== 'stacked-bar') return null
  const bars = data.labels.length * (spec.type === 'bar' ? Math.max(data.series.length, 1) : 1)
  if (bars <= CHART_PNG_WIDTH) return null
  return `${plural(data.labels.length, 'point', 'points')} along the bottom${spec.type === 'bar' && data.series.length > 1 ? `, ${plural(data.series.length, 'bar', 'bars')} each,` : ''} in a picture ${CHART_PNG_WIDTH.toLocaleString('en-US')} pixels wide: each bar is thinner than a pixel and may not show. Bucket the dates, filter the rows, or chart a column with fewer values.`
}

function xLabelWidth(labels: string[], title: string): number {
  return Math.max(title.length, ...labels.map((label) => label.length))
}
