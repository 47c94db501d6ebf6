import type { ArchiveApi } from '@shared/api'
import type { CliIo } from './cli-io'
import { allowOnly, type ParsedArgs } from './parse-cli-args'
import { formatBytes, printable } from './format'
import { unwrap } from './unwrap'

export async function infoCommand(api: ArchiveApi, args: ParsedArgs, io: CliIo): Promise<void> {
  allowOnly(args, ['json'])
  const info = unwrap(await api.getArchiveInfo())
  if (args.flags.has('json')) {
    io.out(`${JSON.stringify(info)}\n`)
    return
  }
  const { counts } = info
  const lines = [
    ['Archive', printable(info.path)],
    ['Format', `${info.schemaVersion} (Casefile ${info.appVersion})`],
    ['Size', formatBytes(info.sizeBytes)],
    ['Created', info.createdAt ?? 'unknown'],
    ['Contents', `${counts.articles} articles · ${counts.datasets} datasets · ${counts.notes} notes · ${counts.charts} charts`]
  ]
  io.out(lines.map(([label, value]) => `${label!.padEnd(9)} ${value}`).join('\n') + '\n')
}
