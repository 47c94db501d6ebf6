// npm run bench:search — Casefile's search as the app runs it (the search pool: parse, plan, facets,
// ranked hits, snippets, on two worker threads), and as the CLI runs it (one thread), against the
// bare `<fts> MATCH ? ORDER BY rank LIMIT 20` on the same FTS5 indexes, over a seeded corpus of
// BENCH_ARTICLES articles of ~3 KB (default 100,000) and a BENCH_ROWS-row dataset (default 1,000,000).
// 1,000 mixed queries are timed all three ways (in rotating order, after 50 untimed warm-up queries);
// then a second, profiled pass over the same queries says where Casefile's time goes. Built by
// electron-vite to out/main/search-bench.js so it runs the very same core as the app, under Node.
// BENCH_KEEP=1 keeps the archive it built (and says where).

import { existsSync, mkdtempSync, rmSync, statSync, createWriteStream } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Database, Statement } from 'better-sqlite3'
import { DEFAULT_IMPORT_OPTIONS, type SearchHitKind } from '@shared/model'
import { parseQuery } from '@shared/query/parse-query'
import { searchRequest } from '@shared/search-request'
import { seededRandom } from '@shared/seeded-random'
import { insertArticle } from '../src/main/core/articles/article-queries'
import { importOneFile } from '../src/main/core/import/import-one-file'
import { openArchive, type Archive } from '../src/main/core/index'
import { searchArchive } from '../src/main/core/search/search-archive'
import { SearchPool } from '../src/main/core/search/search-pool'
import { planSearch } from '../src/main/core/search/search-plan'

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 100_000)
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000)
const QUERIES = Number(process.env.BENCH_QUERIES ?? 1_000)
const WARM_UP = 50
const GOAL = 1.0
const DATASET_NAME = 'eoir_cases'

// ---------------------------------------------------------------------------------------------
// Seeded randomness and a Zipf-distributed vocabulary


function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T
}

function between(random: () => number, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1))
}

// The most frequent words of news English; no stop-word list, so "the" matches nearly everything.
const FUNCTION_WORDS = (
  'the of and to in a that is for on was with said by as at from he his it be has have are were not an but they ' +
  'who their which been this had after more would than or its about will into also one two last year new she her ' +
  'we there when what all can could other some over under before because while if no so up out'
).split(' ')

// Enforcement vocabulary, frequent: each lands in a large share of the articles.
const COMMON_TERMS = (
  'immigration court removal deportation judge case cases asylum ICE federal government enforcement detention ' +
  'border officials agency attorney lawyer hearing backlog order policy administration department homeland ' +
  'security immigrants migrants family children status proceedings appeal detained custody hearings'
).split(' ')

// Enforcement vocabulary, specialised: a few percent of the articles each.
const SPECIALISED_TERMS = (
  'prosecutorial discretion EOIR withholding cancellation parole refugee DACA TPS detainer sanctuary ' +
  'continuance docket expedited reinstatement bond adjudication respondent noncitizen inadmissible removable ' +
  'naturalization visa overstay apprehension encounter deportable adjournment'
).split(' ')

// Set phrases an article of this beat repeats; injected whole so phrase queries have real matches.
const PHRASES = [
  'immigration court',
  'prosecutorial discretion',
  'removal proceedings',
  'notice to appear',
  'credible fear',
  'voluntary departure',
  'asylum seekers',
  'board of immigration appeals',
  'temporary protected status',
  'expedited removal',
  'case backlog',
  'final order of removal',
  'administrative closure',
  'detention center',
  'border patrol'
]

const FIRST_NAMES = (
  'Maria José Ana Luis Carmen David Sarah Michael Laura Daniel Sofía Andrés Emily James Fatima Ahmed Priya Chen ' +
  'Olga Ivan Grace Samuel Julia Marcus Elena Tomás Nadia Omar Rachel Kevin Hannah Diego Lucía Peter Aisha Noah'
).split(' ')
const LAST_NAMES = (
  'Hernández García López Martínez Smith Johnson Williams Brown Nguyen Kim Patel Cohen Rossi Müller Dubois ' +
  'Okafor Mensah Silva Santos Ramírez Torres Flores Rivera Gómez Díaz Reyes Morales Ortiz Chávez Ruiz Alvarez ' +
  'Castillo Jiménez Moreno Romero Herrera Medina Aguilar Vargas Castro Guzmán Mendoza Salazar Delgado Ríos Peña'
).split(' ')
const PUBLISHERS = [
  'The New York Times',
  'Los Angeles Times',
  'ProPublica',
  'The Marshall Project',
  'TRAC Reports',
  'Houston Chronicle',
  'Miami Herald',
  'The Texas Tribune',
  'Arizona Republic',
  'San Antonio Express-News',
  'Chicago Tribune',
  'The Guardian',
  'Reuters',
  'Associated Press',
  'El Paso Times'
]
const COURTS = (
  'Los Angeles|New York|San Francisco|Houston|Chicago|Miami|Denver|Seattle|Baltimore|Phoenix|Dallas|Atlanta|' +
  'Boston|Newark|Arlington|Orlando|Memphis|Omaha|Portland|San Diego|El Paso|Harlingen|Imperial|Tucson|Otero|' +
  'Adelanto|Krome|Oakdale|Stewart|Lumpkin|Conroe|Pearsall|Port Isabel|Elizabeth|Batavia|Buffalo|Cleveland|Detroit'
).split('|')
const NATIONALITIES = (
  'Mexico|Guatemala|Honduras|El Salvador|China|India|Haiti|Ecuador|Colombia|Brazil|Venezuela|Cuba|Nicaragua|' +
  'Dominican Republic|Peru|Russia|Ukraine|Romania|Nigeria|Ghana|Cameroon|Eritrea|Somalia|Afghanistan|Bangladesh'
).split('|')
const OUTCOMES = ['removal ordered', 'relief granted', 'terminated', 'administrative closure', 'voluntary departure', 'pending', 'asylum granted', 'withholding granted', 'in absentia removal']
const CHARGES = ['present without admission', 'overstay of visa', 'fraud or misrepresentation', 'criminal conviction', 'aggravated felony', 'no valid entry document', 'controlled substance', 'failure to maintain status']

/** Pronounceable made-up words for the long tail: unique, and none is a real word above. */
function tailWords(random: () => number, count: number, taken: Set<string>): string[] {
  const onsets = ['b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'z', 'br', 'cr', 'dr', 'gr', 'pl', 'st', 'tr', 'ch', 'sh', 'th']
  const vowels = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou', 'io']
  const codas = ['', '', '', 'n', 'r', 's', 'l', 't', 'm', 'nd', 'st', 'ck']
  const words: string[] = []
  while (words.length < count) {
    let word = ''
    for (let syllables = between(random, 2, 4); syllables > 0; syllables--) word += pick(random, onsets) + pick(random, vowels) + pick(random, codas)
    if (taken.has(word)) continue
    taken.add(word)
    words.push(word)
  }
  return words
}

/** Words by rank, and a sampler drawing ranks with probability ∝ 1 / (rank + 1). */
class Vocabulary {
  readonly words: string[]
  private readonly cumulative: Float64Array
  // guide[i] is the first rank whose cumulative share reaches i / guide.length, so a draw starts
  // its scan there and takes one or two steps on average instead of a binary search.
  private readonly guide: Uint32Array

  constructor(random: () => number, size: number) {
    const taken = new Set([...FUNCTION_WORDS, ...COMMON_TERMS, ...SPECIALISED_TERMS].map((word) => word.toLowerCase()))
    const words = [...FUNCTION_WORDS, ...tailWords(random, size - FUNCTION_WORDS.length - COMMON_TERMS.length - SPECIALISED_TERMS.length, taken)]
    // Common enforcement terms sit among the top few hundred ranks, specialised ones in the low thousands.
    COMMON_TERMS.forEach((term, index) => words.splice(FUNCTION_WORDS.length + index * 6, 0, term))
    SPECIALISED_TERMS.forEach((term, index) => words.splice(1500 + index * 250, 0, term))
    this.words = words
    this.cumulative = new Float64Array(words.length)
    let sum = 0
    for (let rank = 0; rank < words.length; rank++) this.cumulative[rank] = sum += 1 / (rank + 1)
    for (let rank = 0; rank < words.length; rank++) this.cumulative[rank]! /= sum
    this.guide = new Uint32Array(1 << 16)
    let rank = 0
    for (let i = 0; i < this.guide.length; i++) {
      while (this.cumulative[rank]! < i / this.guide.length) rank++
      this.guide[i] = rank
    }
  }

  rank(random: () => number): number {
    const u = random()
    let rank = this.guide[Math.floor(u * this.guide.length)]!
    while (rank < this.words.length - 1 && this.cumulative[rank]! < u) rank++
    return rank
  }

  word(random: () => number): string {
    return this.words[this.rank(random)]!
  }

  /** A word of rank in [low, high), drawn uniformly (for picking query terms by frequency band). */
  inBand(random: () => number, low: number, high: number): string {
    return this.words[between(random, low, Math.min(high, this.words.length) - 1)]!
  }
}

const VOCABULARY_SIZE = 150_000
const MIDDLE_RANK = 2_000
const RARE_RANK = 30_000

// ---------------------------------------------------------------------------------------------
// The corpus

function sentence(random: () => number, vocabulary: Vocabulary): string {
  const words: string[] = []
  for (let count = between(random, 8, 22); count > 0; count--) words.push(vocabulary.word(random))
  // Earlier phrases are the beat's staples; later ones turn up less often.
  if (random() < 0.2) words.splice(between(random, 0, words.length), 0, PHRASES[Math.floor(PHRASES.length * random() * random())]!)
  const text = words.join(' ')
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
}

function articleBody(random: () => number, vocabulary: Vocabulary): string {
  const target = between(random, 2_200, 3_800)
  const paragraphs: string[] = []
  let length = 0
  while (length < target) {
    const sentences: string[] = []
    for (let count = between(random, 2, 6); count > 0 && length < target; count--) {
      const next = sentence(random, vocabulary)
      sentences.push(next)
      length += next.length + 1
    }
    paragraphs.push(sentences.join(' '))
  }
  return paragraphs.join('\n\n')
}

function articleTitle(random: () => number, vocabulary: Vocabulary): string {
  const words: string[] = []
  for (let count = between(random, 5, 10); count > 0; count--) {
    const rank = vocabulary.rank(random)
    // Headlines drop most function words.
    words.push(rank < FUNCTION_WORDS.length && random() < 0.8 ? pick(random, COMMON_TERMS) : vocabulary.words[rank]!)
  }
  return words.map((word) => (word === word.toUpperCase() ? word : word.charAt(0).toUpperCase() + word.slice(1))).join(' ')
}

function personName(random: () => number): string {
  return `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`
}

function isoDay(random: () => number, fromYear: number, toYear: number): string {
  const start = Date.UTC(fromYear, 0, 1)
  const days = Math.floor((Date.UTC(toYear + 1, 0, 1) - start) / 86_400_000)
  return new Date(start + Math.floor(random() * days) * 86_400_000).toISOString().slice(0, 10)
}

function insertArticles(db: Database, random: () => number, vocabulary: Vocabulary): number {
  let bytes = 0
  db.transaction(() => {
    for (let i = 0; i < ARTICLES; i++) {
      const body = articleBody(random, vocabulary)
      bytes += body.length
      // A skewed spread of publishers: the first few carry most of the coverage.
      const publisher = PUBLISHERS[Math.floor(PUBLISHERS.length * random() * random())]!
      insertArticle(db, {
        title: articleTitle(random, vocabulary),
        byline: random() < 0.1 ? null : random() < 0.2 ? `By ${personName(random)} and ${personName(random)}` : `By ${personName(random)}`,
        publisher,
        publishedAt: isoDay(random, 2000, 2024),
        url: `https://example.org/${i}`,
        language: 'en',
        body,
        sourceFile: `article-${i}.txt`,
        sourceSize: body.length,
        sha256: null,
        importId: null,
        pages: [],
        headings: []
      })
    }
  })()
  return bytes
}

async function writeDatasetCsv(path: string, random: () => number, vocabulary: Vocabulary): Promise<void> {
  const out = createWriteStream(path, { highWaterMark: 1 << 20 })
  const write = (text: string): Promise<void> => (out.write(text) ? Promise.resolve() : new Promise((resolve) => out.once('drain', () => resolve())))
  const judges = Array.from({ length: 300 }, () => `Judge ${personName(random)}`)
  await write('case_id,filed_on,court,nationality,charge,outcome,judge,days_pending,bond_amount,remarks\n')
  let chunk = ''
  for (let i = 1; i <= ROWS; i++) {
    const remarks: string[] = []
    if (random() < 0.7) for (let count = between(random, 3, 14); count > 0; count--) remarks.push(vocabulary.word(random))
    if (random() < 0.1) remarks.push(pick(random, PHRASES))
    chunk +=
      `${i},${isoDay(random, 2000, 2024)},${pick(random, COURTS)},${pick(random, NATIONALITIES)},${pick(random, CHARGES)},` +
      `${pick(random, OUTCOMES)},${pick(random, judges)},${Math.floor(random() * 2_500)},${(Math.floor(random() * 2_500_000) / 100).toFixed(2)},${remarks.join(' ')}\n`
    if (chunk.length > 1 << 20) {
      await write(chunk)
      chunk = ''
    }
  }
  await write(chunk)
  await new Promise<void>((resolve) => out.end(() => resolve()))
}

// ---------------------------------------------------------------------------------------------
// The queries

const CATEGORIES = (
  'common term|rare term|two-term AND|"phrase"|prefix*|a OR b|NEAR(a b, 5)|title:x|author:x|source:x|kind:article|kind:data|year:YYYY|dataset:NAME'
).split('|')

interface BenchQuery {
  category: string
  text: string
}

function makeQueries(random: () => number, vocabulary: Vocabulary, count: number): BenchQuery[] {
  const common = () => (random() < 0.5 ? pick(random, COMMON_TERMS) : vocabulary.inBand(random, 0, 200))
  const middle = () => vocabulary.inBand(random, 0, MIDDLE_RANK)
  const rare = () => (random() < 0.1 ? pick(random, SPECIALISED_TERMS) : vocabulary.inBand(random, RARE_RANK, VOCABULARY_SIZE))
  const any = () => (random() < 0.5 ? middle() : vocabulary.inBand(random, MIDDLE_RANK, RARE_RANK))
  const makers: [string, number, () => string][] = [
    ['common term', 14, common],
    ['rare term', 14, rare],
    ['two-term AND', 14, () => `${any()} ${common()}`],
    ['"phrase"', 9, () => `"${random() < 0.7 ? pick(random, PHRASES) : `${middle()} ${middle()}`}"`],
    [
      'prefix*',
      9,
      () => {
        let word = any()
        while (word.length < 5) word = any()
        return `${word.slice(0, between(random, 3, 5))}*`
      }
    ],
    ['a OR b', 9, () => `${any()} OR ${any()}`],
    ['NEAR(a b, 5)', 9, () => `NEAR(${common()} ${any()}, 5)`],
    ['title:x', 4, () => `title:${any()}`],
    ['author:x', 3, () => `author:${pick(random, LAST_NAMES)}`],
    ['source:x', 3, () => `source:${pick(random, ['propublica', 'reuters', 'guardian', 'tribune', 'herald', 'times', 'trac'])} ${any()}`],
    ['kind:article', 3, () => `kind:article ${any()}`],
    ['kind:data', 3, () => `kind:data ${random() < 0.5 ? pick(random, COURTS.filter((court) => !court.includes(' '))) : any()}`],
    ['year:YYYY', 3, () => `year:${between(random, 2000, 2024)} ${any()}`],
    ['dataset:NAME', 3, () => `dataset:${DATASET_NAME} ${random() < 0.5 ? pick(random, NATIONALITIES.filter((name) => !name.includes(' '))) : any()}`]
  ]
  const totalWeight = makers.reduce((sum, [, weight]) => sum + weight, 0)
  const queries: BenchQuery[] = []
  while (queries.length < count) {
    let draw = random() * totalWeight
    const [category, , make] = makers.find(([, weight]) => (draw -= weight) < 0) ?? makers[0]!
    const text = make()
    const parsed = parseQuery(text)
    if (parsed.ast === null || parsed.notes.length > 0) throw new Error(`generated query ${JSON.stringify(text)} is not plain query language: ${parsed.notes.join(' ')}`)
    queries.push({ category, text })
  }
  return queries
}

// ---------------------------------------------------------------------------------------------
// The two ways of asking

const FTS_TABLES: Record<SearchHitKind, string> = { article: 'articles_fts', note: 'notes_fts', dataset: 'datasets_fts', data: 'dataset_rows_fts' }

/**
 * The bare query on the same indexes: the very FTS5 expression Casefile sends each table the query
 * reaches (planSearch is parseQuery + toFtsMatch with FIELD_COLUMNS), ranked and cut to one page.
 */
function bareSearch(db: Database): (text: string) => number {
  const statements = new Map<SearchHitKind, Statement>()
  for (const [kind, table] of Object.entries(FTS_TABLES) as [SearchHitKind, string][]) {
    statements.set(kind, db.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rank LIMIT 20`))
  }
  return (text) => {
    const started = performance.now()
    const plan = planSearch(parseQuery(text), searchRequest(text))
    for (const [kind, match] of Object.entries(plan.matches) as [SearchHitKind, string][]) statements.get(kind)!.all(match)
    return performance.now() - started
  }
}

/** Casefile's search as the app runs it: the search pool, two worker threads, one part each. */
function casefileSearch(pool: SearchPool): (text: string) => Promise<{ ms: number; total: number }> {
  return async (text) => {
    const started = performance.now()
    const result = await pool.search(searchRequest(text))
    return { ms: performance.now() - started, total: result.total }
  }
}

/** The same search on this thread's connection, one part after the other, as the CLI runs it. */
function oneThreadSearch(db: Database): (text: string) => number {
  return (text) => {
    const started = performance.now()
    searchArchive(db, searchRequest(text))
    return performance.now() - started
  }
}

// ---------------------------------------------------------------------------------------------
// Where Casefile's time goes: a connection wrapper that times each statement by what it is for

type Phase = 'facets' | 'hits' | 'rows' | 'prepare'
const PHASES: Phase[] = ['facets', 'hits', 'rows', 'prepare']
const PHASE_LABELS: Record<Phase, string> = {
  facets: 'facet counts (GROUP BY over every match)',
  hits: 'ranked page (bm25 sort + snippet())',
  rows: 'data-row reads for row snippets, lookups',
  prepare: 'preparing statements'
}

class PhaseClock {
  readonly spent: Record<Phase, number> = { facets: 0, hits: 0, rows: 0, prepare: 0 }
  /** The same hit statements with snippet() swapped for NULL, run after each real one. */
  hitsWithoutSnippets = 0
  /** Time of the real hit statements that had a snippet() to swap. */
  hitsWithSnippets = 0

  reset(): void {
    for (const phase of PHASES) this.spent[phase] = 0
    this.hitsWithoutSnippets = 0
    this.hitsWithSnippets = 0
  }
}

function phaseOf(sql: string): Phase {
  if (/\bGROUP BY\b/.test(sql)) return 'facets'
  if (/\bbm25\(/.test(sql)) return 'hits'
  return 'rows'
}

const SNIPPET_COLUMN = /snippet\(.*?\) AS snippet/s

function timedStatement(db: Database, statement: Statement, sql: string, clock: PhaseClock): Statement {
  const phase = phaseOf(sql)
  const withoutSnippet = phase === 'hits' && SNIPPET_COLUMN.test(sql) ? db.prepare(sql.replace(SNIPPET_COLUMN, 'NULL AS snippet')) : null
  const proxy: Statement = new Proxy(statement, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target)
      if (typeof value !== 'function') return value
      if (property === 'all' || property === 'get') {
        return (...args: unknown[]) => {
          const started = performance.now()
          const result: unknown = value.apply(target, args)
          const ms = performance.now() - started
          clock.spent[phase] += ms
          if (withoutSnippet !== null) {
            clock.hitsWithSnippets += ms
            const again = performance.now()
            withoutSnippet.all(...args)
            clock.hitsWithoutSnippets += performance.now() - again
          }
          return result
        }
      }
      // raw(), pluck() and friends return the statement itself: keep handing out the timed one.
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args)
        return result === target ? proxy : result
      }
    }
  })
  return proxy
}

function profiledConnection(db: Database, clock: PhaseClock): Database {
  return new Proxy(db, {
    get(target, property) {
      if (property === 'prepare') {
        return (sql: string) => {
          const started = performance.now()
          const statement = target.prepare(sql)
          clock.spent.prepare += performance.now() - started
          return timedStatement(target, statement, sql, clock)
        }
      }
      const value: unknown = Reflect.get(target, property, target)
      return typeof value === 'function' ? value.bind(target) : value
    }
  })
}

// ---------------------------------------------------------------------------------------------
// Figures

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

function ms(value: number): string {
  if (Number.isNaN(value)) return '—'
  return value < 10 ? `${value.toFixed(2)} ms` : value < 100 ? `${value.toFixed(1)} ms` : `${value.toFixed(0)} ms`
}

const count = (n: number): string => n.toLocaleString('en-US')
const share = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(0)}%`

interface Timing {
  query: BenchQuery
  /** The app's search (the pool). */
  casefile: number
  /** The same search on one thread (the CLI's). */
  oneThread: number
  bare: number
  total: number
}

function printSummary(timings: readonly Timing[]): void {
  const casefile = timings.map((timing) => timing.casefile)
  const oneThread = timings.map((timing) => timing.oneThread)
  const bare = timings.map((timing) => timing.bare)
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length
  console.log(`${''.padEnd(40)}${'p50'.padStart(10)}${'p95'.padStart(10)}${'p99'.padStart(10)}${'mean'.padStart(10)}`)
  for (const [label, values] of [
    ['bare FTS5 (LIMIT 20), one thread', bare],
    ['Casefile, the app (search pool, 2 threads)', casefile],
    ['Casefile, one thread (the CLI)', oneThread]
  ] as const) {
    console.log(`${label.padEnd(40)}${[50, 95, 99].map((p) => ms(percentile(values, p)).padStart(10)).join('')}${ms(mean(values)).padStart(10)}`)
  }
  const ratioOf = (values: number[], p: number) => percentile(values, p) / percentile(bare, p)
  const ratio = ratioOf(casefile, 95)
  console.log(
    `ratio of p95 (Casefile in the app / bare) ${ratio.toFixed(2)}   goal ≤ ${GOAL.toFixed(2)}  ${ratio <= GOAL ? 'met' : 'NOT met'}` +
      `   (p50 ratio ${ratioOf(casefile, 50).toFixed(2)}, p99 ratio ${ratioOf(casefile, 99).toFixed(2)})`
  )
  console.log(`ratio of p95 (Casefile on one thread / bare) ${ratioOf(oneThread, 95).toFixed(2)}   (p50 ${ratioOf(oneThread, 50).toFixed(2)}, p99 ${ratioOf(oneThread, 99).toFixed(2)})`)
}

function printCategories(timings: readonly Timing[]): void {
  const categories = [...new Set(timings.map((timing) => timing.query.category))].sort((a, b) => CATEGORIES.indexOf(a) - CATEGORIES.indexOf(b))
  const allCasefile = timings.reduce((sum, timing) => sum + timing.casefile, 0)
  console.log('\nper category               n   Casefile p50 / p95      bare p50 / p95   p95 ratio  share of Casefile time')
  for (const category of categories) {
    const rows = timings.filter((timing) => timing.query.category === category)
    const casefile = rows.map((timing) => timing.casefile)
    const bare = rows.map((timing) => timing.bare)
    const spent = casefile.reduce((sum, value) => sum + value, 0)
    console.log(
      `${category.padEnd(22)}${String(rows.length).padStart(6)}   ${ms(percentile(casefile, 50)).padStart(9)} / ${ms(percentile(casefile, 95)).padEnd(9)}` +
        `${ms(percentile(bare, 50)).padStart(9)} / ${ms(percentile(bare, 95)).padEnd(9)}${(percentile(casefile, 95) / percentile(bare, 95)).toFixed(1).padStart(6)}×` +
        `${share(spent, allCasefile).padStart(10)}`
    )
  }
}

function printSlowest(timings: readonly Timing[]): void {
  console.log('\nslowest 5 (by Casefile time)     Casefile       bare   matches')
  for (const timing of [...timings].sort((a, b) => b.casefile - a.casefile).slice(0, 5)) {
    console.log(`${timing.query.text.padEnd(32).slice(0, 32)}${ms(timing.casefile).padStart(9)}${ms(timing.bare).padStart(11)}${count(timing.total).padStart(10)}`)
  }
}

function printPhases(db: Database, timings: readonly Timing[]): void {
  const clock = new PhaseClock()
  const profiled = profiledConnection(db, clock)
  const measure = (subset: readonly Timing[]) => {
    clock.reset()
    let whole = 0
    for (const { query } of subset) {
      const started = performance.now()
      searchArchive(profiled, searchRequest(query.text))
      whole += performance.now() - started
    }
    // The snippet-free re-runs happen inside searchArchive, so take them out of the wall time.
    whole -= clock.hitsWithoutSnippets
    return { whole, spent: { ...clock.spent }, snippets: clock.hitsWithSnippets - clock.hitsWithoutSnippets }
  }
  const slowest = [...timings].sort((a, b) => b.casefile - a.casefile).slice(0, Math.max(1, Math.ceil(timings.length / 20)))
  const everything = measure(timings)
  const tail = measure(slowest)
  console.log(`\nwhere Casefile's time goes (second, profiled pass)     all ${timings.length} queries   slowest ${slowest.length}`)
  for (const phase of PHASES) {
    console.log(`  ${PHASE_LABELS[phase].padEnd(46)}${share(everything.spent[phase], everything.whole).padStart(12)}${share(tail.spent[phase], tail.whole).padStart(14)}`)
    if (phase === 'hits') {
      console.log(`    ${'of which snippet() (re-run without it)'.padEnd(44)}${share(everything.snippets, everything.whole).padStart(12)}${share(tail.snippets, tail.whole).padStart(14)}`)
    }
  }
  const rest = (run: ReturnType<typeof measure>) => run.whole - PHASES.reduce((sum, phase) => sum + run.spent[phase], 0)
  console.log(`  ${'JavaScript (parse, plan, merge, row marking)'.padEnd(46)}${share(rest(everything), everything.whole).padStart(12)}${share(rest(tail), tail.whole).padStart(14)}`)
}

// ---------------------------------------------------------------------------------------------

/** Builds the corpus into a new archive: BENCH_ARTICLES articles and a BENCH_ROWS-row dataset. */
async function buildCorpus(archive: Archive, work: string, vocabulary: Vocabulary, random: () => number): Promise<void> {
  const { db } = archive
  let started = performance.now()
  const bytes = insertArticles(db, random, vocabulary)
  const articleSeconds = (performance.now() - started) / 1000
  console.log(`${count(ARTICLES)} articles (${(bytes / ARTICLES / 1024).toFixed(1)} KB of body each on average) inserted and indexed in ${articleSeconds.toFixed(1)} s`)

  started = performance.now()
  const csv = join(work, `${DATASET_NAME}.csv`)
  await writeDatasetCsv(csv, random, vocabulary)
  const csvSeconds = (performance.now() - started) / 1000
  started = performance.now()
  const readerWorker = join(import.meta.dirname, 'import-reader-worker.js')
  const outcome = await importOneFile(
    db,
    { path: csv, options: DEFAULT_IMPORT_OPTIONS, article: null, dataset: null },
    new AbortController().signal,
    () => undefined,
    existsSync(readerWorker) ? readerWorker : null
  )
  if (outcome.status !== 'imported' || outcome.rows !== ROWS) throw new Error(`the dataset import went wrong: ${outcome.status} ${outcome.rows} rows ${outcome.error ?? ''}`)
  const importSeconds = (performance.now() - started) / 1000
  console.log(`${count(ROWS)}-row CSV (${(statSync(csv).size / 1048576).toFixed(0)} MB) written in ${csvSeconds.toFixed(1)} s, imported and indexed in ${importSeconds.toFixed(1)} s`)
  rmSync(csv)
  db.pragma('wal_checkpoint(TRUNCATE)')
}

async function main(): Promise<void> {
  // BENCH_ARCHIVE=PATH times an archive an earlier run kept (BENCH_KEEP=1) instead of building one.
  const reuse = process.env.BENCH_ARCHIVE ?? null
  const work = mkdtempSync(join(tmpdir(), 'casefile-bench-search-'))
  try {
    const archive = await openArchive(reuse ?? join(work, 'bench.casefile'), { create: reuse === null, seedDir: null, nativeBinding: null })
    try {
      const { db } = archive
      const random = seededRandom(20_120_529)
      const vocabulary = new Vocabulary(random, VOCABULARY_SIZE)
      if (reuse === null) await buildCorpus(archive, work, vocabulary, random)
      else console.log(`timing the archive ${reuse} (built by an earlier run)`)
      console.log(`archive ${(statSync(archive.path).size / 1048576).toFixed(0)} MB`)

      const queries = makeQueries(seededRandom(1_955), vocabulary, QUERIES)
      const workerPath = join(import.meta.dirname, 'search-worker.js')
      if (!existsSync(workerPath)) throw new Error(`${workerPath} is missing: the bench runs the app's search worker (npm run build).`)
      const pool = new SearchPool(archive.path, null, workerPath)
      try {
        const bare = bareSearch(db)
        const casefile = casefileSearch(pool)
        const oneThread = oneThreadSearch(db)
        for (const query of makeQueries(seededRandom(2_024), vocabulary, WARM_UP)) {
          await casefile(query.text)
          oneThread(query.text)
          bare(query.text)
        }
        // Rotate which goes first so none always finds the others' pages freshly cached.
        const timings: Timing[] = []
        for (const [index, query] of queries.entries()) {
          let app = { ms: 0, total: 0 }
          let one = 0
          let bareMs = 0
          const order = index % 3
          if (order === 0) app = await casefile(query.text)
          bareMs = bare(query.text)
          if (order === 1) app = await casefile(query.text)
          one = oneThread(query.text)
          if (order === 2) app = await casefile(query.text)
          timings.push({ query, casefile: app.ms, oneThread: one, total: app.total, bare: bareMs })
        }
        console.log(`\n${count(queries.length)} queries, each through all three (after ${WARM_UP} untimed warm-up queries)`)
        printSummary(timings)
        printCategories(timings)
        printSlowest(timings)
        printPhases(db, timings)
      } finally {
        await pool.dispose()
      }
    } finally {
      archive.close()
    }
  } finally {
    // BENCH_KEEP=1 leaves the archive for experiments on the same corpus.
    if (process.env.BENCH_KEEP) console.log(`kept ${work}`)
    else rmSync(work, { recursive: true, force: true })
  }
}

await main()
