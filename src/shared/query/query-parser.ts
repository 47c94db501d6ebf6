// The recursive-descent reader behind parseQuery. Its one rule: every token either becomes part of
// the query or is dropped with a note. Nothing it sees can make it throw or loop.

import { parseKind, parsePeriodStart, parseYear } from './filter-values'
import type { QueryToken } from './lex-query'
import { queryWords } from './plain-words'
import {
  DEFAULT_NEAR_DISTANCE,
  MAX_GROUP_DEPTH,
  MAX_NEAR_DISTANCE,
  MAX_QUERY_TERMS,
  type QueryChip,
  type QueryField,
  type QueryFilters,
  type QueryNode,
  type Span,
  type TermMatch,
  type TermNode
} from './query-ast'
import { chipId } from './query-chips'

type FilterName = 'kind' | 'dataset' | 'year' | 'after' | 'before'
const TEXT_FIELDS: readonly QueryField[] = ['title', 'author', 'source']
const FILTER_NAMES: readonly FilterName[] = ['kind', 'dataset', 'year', 'after', 'before']

type NearItem = { type: 'comma' } | { type: 'text'; text: string; quoted: boolean; span: Span }

export class QueryParser {
  readonly filters: QueryFilters = { kinds: [], datasets: [], year: null, after: null, before: null }
  readonly filterChips: { chip: QueryChip; span: Span }[] = []
  readonly notes = new Set<string>()
  droppedTerms = 0
  ignoredPunctuation = 0
  private pos = 0
  private termCount = 0
  private ignoredOpens = 0
  private negationDepth = 0

  constructor(
    private readonly source: string,
    private readonly tokens: readonly QueryToken[]
  ) {}

  parseAll(): QueryNode[] {
    return this.parseSequence(0, false).items
  }

  private parseSequence(depth: number, inGroup: boolean): { items: QueryNode[]; end: number | null } {
    const items: QueryNode[] = []
    while (this.pos < this.tokens.length) {
      const token = this.tokens[this.pos] as QueryToken
      if (token.type === 'close') {
        this.pos += 1
        if (this.ignoredOpens > 0) this.ignoredOpens -= 1
        else if (inGroup) return { items, end: token.end }
        else this.notes.add('Ignored a ")" with no "(" before it.')
        continue
      }
      if (isKeyword(token, 'AND')) {
        // Adjacent items are already ANDed, so an explicit AND only needs reporting when it joins nothing.
        this.pos += 1
        if (items.length === 0 || !this.startsItem()) this.notes.add('Ignored an AND with nothing on one side.')
        continue
      }
      if (isKeyword(token, 'OR')) {
        this.pos += 1
        this.notes.add('Ignored an OR with nothing on one side.')
        continue
      }
      const item = this.parseOrChain(depth)
      if (item !== null) items.push(item)
    }
    if (inGroup) this.notes.add('Closed a "(" that had no ")".')
    return { items, end: null }
  }

  // OR binds tighter than the implicit AND, as in web search: `court Zürich OR Basel` is
  // court AND (Zürich OR Basel).
  private parseOrChain(depth: number): QueryNode | null {
    const head = this.parseUnary(depth)
    const options: QueryNode[] = head === null ? [] : [head]
    while (isKeyword(this.tokens[this.pos], 'OR')) {
      while (isKeyword(this.tokens[this.pos], 'OR')) this.pos += 1
      if (!this.startsItem() || options.length === 0) {
        this.notes.add('Ignored an OR with nothing on one side.')
        if (!this.startsItem()) break
      }
      const next = this.parseUnary(depth)
      if (next !== null) options.push(next)
    }
    // A lone option keeps its own span (a parenthesised OR keeps its parentheses for chip removal).
    if (options.length <= 1) return options[0] ?? null
    const children = options.flatMap((node) => (node.type === 'or' ? node.children : [node]))
    const first = options[0] as QueryNode
    const last = options[options.length - 1] as QueryNode
    return { type: 'or', children, span: { start: first.span.start, end: last.span.end } }
  }

  private parseUnary(depth: number): QueryNode | null {
    const token = this.tokens[this.pos]
    if (token === undefined) return null
    if (isKeyword(token, 'NOT')) {
      this.pos += 1
      if (!this.startsItem()) {
        this.notes.add('Ignored a NOT with nothing after it.')
        return null
      }
      return this.negated(token.start, () => this.parseUnary(depth))
    }
    if (token.type === 'word' && token.text.startsWith('-')) {
      this.pos += 1
      const rest = token.text.replace(/^-+/, '')
      if (rest !== '') return this.negated(token.start, () => this.parseWord(rest, token.end - rest.length, token.end))
      const next = this.tokens[this.pos]
      if (next !== undefined && next.start === token.end && next.type !== 'close') {
        return this.negated(token.start, () => this.parseUnary(depth))
      }
      this.notes.add('Ignored a "-" with nothing attached to it.')
      return null
    }
    if (token.type === 'phrase') {
      this.pos += 1
      return this.term(token.text, 'phrase', null, { start: token.start, end: token.end })
    }
    if (token.type === 'open') return this.parseGroup(token.start, depth)
    if (token.type === 'close') return null
    const next = this.tokens[this.pos + 1]
    if (token.text === 'NEAR' && next?.type === 'open' && next.start === token.end) return this.parseNear(depth)
    this.pos += 1
    return this.parseWord(token.text, token.start, token.end)
  }

  private negated(start: number, parseChild: () => QueryNode | null): QueryNode | null {
    this.negationDepth += 1
    const child = parseChild()
    this.negationDepth -= 1
    if (child === null) return null
    const span = { start, end: child.span.end }
    // Two negations cancel; the result keeps the whole span so removing its chip removes both signs.
    if (child.type === 'not') return { ...child.child, span }
    return { type: 'not', child, span }
  }

  private parseGroup(start: number, depth: number): QueryNode | null {
    this.pos += 1
    if (depth >= MAX_GROUP_DEPTH) {
      this.ignoredOpens += 1
      this.notes.add(`Ignored parentheses nested deeper than ${MAX_GROUP_DEPTH} levels.`)
      return null
    }
    const { items, end } = this.parseSequence(depth + 1, true)
    const last = items[items.length - 1]
    const span = { start, end: end ?? last?.span.end ?? start + 1 }
    // A single item keeps the parentheses in its span, so removing it leaves no empty "()".
    if (items.length <= 1) return items[0] === undefined ? null : { ...items[0], span }
    return { type: 'and', children: items, span }
  }

  private parseNear(depth: number): QueryNode | null {
    const nearStart = (this.tokens[this.pos] as QueryToken).start
    let close = this.pos + 2
    while (close < this.tokens.length && (this.tokens[close] as QueryToken).type !== 'close') {
      if ((this.tokens[close] as QueryToken).type === 'open') break
      close += 1
    }
    const closeToken = this.tokens[close]
    if (closeToken?.type !== 'close') {
      // No ")" for this NEAR before another "(" or the end: read the keyword as nothing, the rest normally.
      this.pos += 1
      this.notes.add('Ignored a NEAR without its closing ")".')
      return this.parseUnary(depth)
    }
    const items = this.tokens.slice(this.pos + 2, close).flatMap(nearItems)
    this.pos = close + 1
    const span = { start: nearStart, end: closeToken.end }

    let distance = DEFAULT_NEAR_DISTANCE
    let termItems = items
    const comma = items[items.length - 2]
    const number = items[items.length - 1]
    if (comma?.type === 'comma' && number?.type === 'text' && !number.quoted && /^\d+$/.test(number.text)) {
      distance = Math.min(Number(number.text), MAX_NEAR_DISTANCE)
      if (Number(number.text) > MAX_NEAR_DISTANCE) this.notes.add(`NEAR distance capped at ${MAX_NEAR_DISTANCE}.`)
      termItems = items.slice(0, -2)
    }
    const terms: TermNode[] = []
    for (const item of termItems) {
      if (item.type !== 'text') continue
      const prefix = !item.quoted && item.text.endsWith('*')
      const text = prefix ? item.text.replace(/\*+$/, '') : item.text
      const node = this.term(text, item.quoted ? 'phrase' : prefix ? 'prefix' : 'word', null, item.span)
      if (node !== null) terms.push(node)
    }
    if (terms.length >= 2 && termItems.every((item) => item.type === 'text')) {
      return { type: 'near', terms, distance, span }
    }
    this.notes.add('NEAR needs two or more words and at most one ", distance"; searched as plain words.')
    return andOf(terms, span)
  }

  private parseWord(text: string, start: number, end: number): QueryNode | null {
    const colon = text.indexOf(':')
    if (colon > 0) {
      const name = text.slice(0, colon).toLowerCase()
      const field = TEXT_FIELDS.find((known) => known === name)
      if (field !== undefined) return this.parseTextField(field, text.slice(colon + 1), start, end)
      const filter = FILTER_NAMES.find((known) => known === name)
      if (filter !== undefined) return this.parseFilter(filter, text.slice(0, colon), text.slice(colon + 1), start, end)
      if (/^\p{L}+$/u.test(name)) this.notes.add(`"${text.slice(0, colon)}:" is not a field; searched as words.`)
    }
    if (colon !== -1) return this.splitOnColons(text, start)
    return this.bareWord(text, { start, end }, null)
  }

  /** The value after `field:`: the rest of the word, or a quoted phrase typed right after the colon. */
  private fieldValue(value: string, end: number): { text: string; quoted: boolean; end: number } | null {
    if (value !== '') return { text: value, quoted: false, end }
    const next = this.tokens[this.pos]
    if (next?.type !== 'phrase' || next.start !== end) return null
    this.pos += 1
    return { text: next.text, quoted: true, end: next.end }
  }

  private parseTextField(field: QueryField, value: string, start: number, end: number): QueryNode | null {
    const found = this.fieldValue(value, end)
    if (found === null) {
      this.notes.add(`"${field}:" needs a value; searched as a word.`)
      return this.bareWord(field, { start, end }, null)
    }
    const span = { start, end: found.end }
    if (found.quoted) return this.term(found.text, 'phrase', field, span)
    return this.bareWord(found.text, span, field)
  }

  private parseFilter(name: FilterName, typed: string, value: string, start: number, end: number): QueryNode | null {
    const found = this.fieldValue(value, end)
    const span = { start, end: found?.end ?? end }
    const text = this.source.slice(span.start, span.end)
    if (this.negationDepth > 0) {
      // Filters only narrow; "everything except 2012" is not something the filters can say.
      this.notes.add(`Excluding by ${name}: is not supported; ignored "${text}".`)
      return null
    }
    const label = found === null ? null : this.applyFilter(name, found.text)
    if (label !== null) {
      this.filterChips.push({ chip: { id: chipId('filter', span), label, kind: 'filter', text }, span })
      return null
    }
    this.notes.add(`"${text}" is not a valid ${name}: filter; searched as words.`)
    const nameNode = this.term(typed, 'word', null, { start, end: start + typed.length })
    if (found === null) return nameNode
    const valueStart = found.quoted ? end : start + typed.length + 1
    const valueNode = found.quoted
      ? this.term(found.text, 'phrase', null, { start: valueStart, end: found.end })
      : this.bareWord(found.text, { start: valueStart, end: found.end }, null)
    return andOf([nameNode, valueNode].filter((node) => node !== null), span)
  }

  /** Records a valid filter and returns its chip label, or null when the value is not valid. */
  private applyFilter(name: FilterName, value: string): string | null {
    const filters = this.filters
    switch (name) {
      case 'kind': {
        const kind = parseKind(value)
        if (kind === null) return null
        if (!filters.kinds.includes(kind)) filters.kinds.push(kind)
        return `kind: ${kind}`
      }
      case 'dataset': {
        const dataset = value.trim()
        if (queryWords(dataset).length === 0) return null
        if (!filters.datasets.includes(dataset)) filters.datasets.push(dataset)
        return `dataset: ${dataset}`
      }
      case 'year': {
        const year = parseYear(value)
        if (year === null) return null
        if (filters.year !== null && filters.year !== year) this.notes.add('Several year: filters; the last one counts.')
        filters.year = year
        return `year: ${year}`
      }
      case 'after':
      case 'before': {
        const date = parsePeriodStart(value)
        if (date === null) return null
        const previous = filters[name]
        if (previous !== null && previous !== date) this.notes.add(`Several ${name}: filters; the last one counts.`)
        filters[name] = date
        return `${name}: ${date}`
      }
    }
  }

  private splitOnColons(text: string, start: number): QueryNode | null {
    const nodes: QueryNode[] = []
    let offset = start
    for (const piece of text.split(':')) {
      const node = this.bareWord(piece, { start: offset, end: offset + piece.length }, null)
      if (node !== null) nodes.push(node)
      offset += piece.length + 1
    }
    return andOf(nodes, { start, end: start + text.length })
  }

  private bareWord(text: string, span: Span, field: QueryField | null): TermNode | null {
    if (text.endsWith('*')) return this.term(text.replace(/\*+$/, ''), 'prefix', field, span)
    return this.term(text, 'word', field, span)
  }

  private term(text: string, match: TermMatch, field: QueryField | null, span: Span): TermNode | null {
    // Text the FTS5 tokenizer would reduce to nothing (punctuation, emoji) cannot match anything.
    if (queryWords(text).length === 0) {
      this.ignoredPunctuation += 1
      return null
    }
    if (this.termCount >= MAX_QUERY_TERMS) {
      this.droppedTerms += 1
      return null
    }
    this.termCount += 1
    return { type: 'term', text, match, field, span }
  }

  private startsItem(): boolean {
    const token = this.tokens[this.pos]
    return token !== undefined && token.type !== 'close' && !isKeyword(token, 'OR') && !isKeyword(token, 'AND')
  }
}

function isKeyword(token: QueryToken | undefined, keyword: 'AND' | 'OR' | 'NOT'): boolean {
  return token?.type === 'word' && token.text === keyword
}

function andOf(nodes: QueryNode[], span: Span): QueryNode | null {
  if (nodes.length <= 1) return nodes[0] ?? null
  return { type: 'and', children: nodes, span }
}

/** Inside NEAR(...), commas separate the distance, so they are split out of the words around them. */
function nearItems(token: QueryToken): NearItem[] {
  if (token.type === 'phrase') return [{ type: 'text', text: token.text, quoted: true, span: { start: token.start, end: token.end } }]
  if (token.type !== 'word') return []
  const items: NearItem[] = []
  let offset = token.start
  token.text.split(',').forEach((piece, index) => {
    if (index > 0) items.push({ type: 'comma' })
    if (piece !== '') items.push({ type: 'text', text: piece, quoted: false, span: { start: offset, end: offset + piece.length } })
    offset += piece.length + 1
  })
  return items
}
