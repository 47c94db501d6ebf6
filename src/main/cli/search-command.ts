import type { ArchiveApi } from '@shared/api'
import { SEARCH_HIT_KINDS, type SearchHitKind, type SearchSort } from '@shared/model'
import { searchRequest } from '@shared/search-request'
import { UsageError, type CliIo } from './cli-io'
import { printable, snippetAsHtml, snippetForTerminal } from './format'
import { allowOnly, intFlag, type ParsedArgs } from './parse-cli-args'
import { unwrap } from './unwrap'

const SORTS: readonly SearchSort[] = ['relevance', 'newest', 'oldest']

function choice<T extends string>(args: ParsedArgs, name: string, choices: readonly T[]): T | null {
  const raw = args.flags.get(name)
  if (raw === undefined) return null
  const value = choices.find((candidate) => candidate === raw)
  if (value === undefined) throw new UsageError(`--${name} must be one of: ${choices.join(', ')}`)
  return value
}

export async function searchCommand(api: ArchiveApi, args: ParsedArgs, io: CliIo): Promise<void> {
  allowOnly(args, ['json', 'limit', 'kind', 'sort', 'exact'])
  if (args.positionals.length === 0) throw new UsageError('search needs a query, e.g. casefile search "prosecutorial discretion"')
  const query = args.positionals.join(' ')
  const limit = intFlag(args, 'limit', 20, 1, 500)
  const kind: SearchHitKind | null = choice(args, 'kind', SEARCH_HIT_KINDS)
  const sort = choice(args, 'sort', SORTS) ?? 'relevance'
  const result = unwrap(await api.search(searchRequest(query, { limit, kinds: kind ? [kind] : [], sort, exact: args.flags.has('exact') })))
  if (args.flags.has('json')) {
    const hits = result.hits.map((hit) => ({
      kind: hit.kind,
      id: hit.id,
      ...(hit.row !== null ? { row: hit.row } : {}),
      title: hit.title,
      snippet: snippetAsHtml(hit.snippet),
      date: hit.date,
      rank: hit.rank
    }))
    io.out(`${JSON.stringify({ query: result.query, total: result.total, moreThanTotal: result.moreThanTotal, facets: result.facets, hits })}\n`)
    return
  }
  for (const note of result.notes) io.err(`note: ${printable(note)}\n`)
  if (result.total === 0) {
    io.out(`No matches for “${printable(query)}”.\n`)
    return
  }
  const shown = result.hits.length < result.total ? ` (showing ${result.hits.length})` : ''
  const lines = [`${result.moreThanTotal ? 'More than ' : ''}${result.total} match${result.total === 1 && !result.moreThanTotal ? '' : 'es'} for “${printable(query)}”${shown}`, '']
  for (const hit of result.hits) {
    lines.push(`${hit.kind.padEnd(7)} #${hit.id}  ${printable(hit.title)}${hit.date ? `  (${printable(hit.date.slice(0, 10))})` : ''}`)
    lines.push(`        ${snippetForTerminal(hit.snippet, io.isTty)}`)
  }
  io.out(lines.join('\n') + '\n')
}
