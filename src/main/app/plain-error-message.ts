// Errors shown to a person, in a dialog or across IPC, carry one readable line: never a stack trace,
// never a multi-kilobyte dump.

const MAX_LENGTH = 300

export function plainErrorMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : ''
  const firstLine = raw.split('\n', 1)[0]?.trim() ?? ''
  if (firstLine === '') return 'an unexpected error occurred'
  return firstLine.length > MAX_LENGTH ? `${firstLine.slice(0, MAX_LENGTH - 1)}…` : firstLine
}
