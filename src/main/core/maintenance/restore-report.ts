import type { RestoreOutcome } from './restore-archive'

/**
 * What a restore (or its undo) did, in the lines the CLI prints and the app's dialog shows. `undoHow`
 * says how the person undoes it where they are ("casefile restore --undo", "File › Undo last restore");
 * it is offered only when the undo would work: a damaged or incomplete previous content is kept, not offered back.
 */
export function restoreReport(archivePath: string, outcome: RestoreOutcome, undid: boolean, undoHow: string): string[] {
  const lines = [
    undid ? `Undid the last restore: ${archivePath} holds again the content of ${outcome.from}` : `Restored ${archivePath} from ${outcome.from}`,
    outcome.keptUnusable
      ? `The content it had before is kept as ${outcome.keptAs} for recovery; it is damaged or incomplete, so ${undoHow} cannot bring it back`
      : `The content it had before is saved as ${outcome.keptAs} (${undoHow} brings it back)`
  ]
  if (outcome.changedSince.length > 0) lines.push(`Another program changed it right after the restore (${outcome.changedSince.slice(0, 3).join('; ')}); those changes are kept`)
  return lines
}
