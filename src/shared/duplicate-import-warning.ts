// The one sentence that says a file's bytes are already in the archive. The core stores it in the
// ledger; the app shows it after its verdict, the CLI after the file name with its own advice.

/** The verdict the sentence starts with, so the import panel can set it apart. */
export const ALREADY_IN_ARCHIVE = 'Already in the archive'

/** `existing` names what the bytes became: `dataset “ice-removals”`, `article “Record Number…”`. */
export function duplicateImportWarning(existing: string): string {
  return `${ALREADY_IN_ARCHIVE} as ${existing}; nothing was added.`
}
