import type { ArchiveApi } from '@shared/api'
import { UsageError, type CliIo } from './cli-io'
import { snippetAsHtml, snippetForTerminal } from './format'
import { allowOnly, intFlag, type ParsedArgs } from './parse-cli-args'
import { unwrap } from './unwrap'

export async function searchCommand(api: ArchiveApi, args: ParsedArgs, io: CliIo): Promise<void> {
  allowOnly(args, ['json', 'limit'])
  if (args.positionals.length === 0) throw new UsageError('search needs a query, e.g. casefile search "prosecutorial discretion"')
  const query = args.positionals.join(' ')
  const limit = intFlag(args, 'limit', 20, 1, 500)
  const result = unwrap(await api.search({ query, limit }))
  if (args.flags.has('json')) {
    const hits = result.hits.map((hit) => ({ ...hit, snippet: snippetAsHtml(hit.snippet) }))
    io.out(`${JSON.stringify({ query: result.query, total: result.total, facets: { kind: result.counts }, hits })}\n`)
    return
  }
  if (result.total === 0) {
    io.out(`No matches for “${query}”.\n`)
    return
  }
  const shown = result.hits.length < result.total ? ` (showing ${result.hits.length})` : ''
  const lines = [`${result.total} match${result.total === 1 ? '' : 'es'} for “${query}”${shown}`, '']
  for (const hit of result.hits) {
    lines.push(`${hit.kind.padEnd(7)} #${hit.id}  ${hit.title}${hit.date ? `  (${hit.date.slice(0, 10)})` : ''}`)
    lines.push(`        ${snippetForTerminal(hit.snippet, io.isTty)}`)
  }
  io.out(lines.join('\n') + '\n')
}
