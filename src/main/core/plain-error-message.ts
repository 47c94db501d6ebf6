// Errors shown to a person, in a dialog or across IPC, carry one readable line: never a stack trace,
// never a multi-kilobyte dump.

import { firstLineOf } from './plain-failure'

const MAX_LENGTH = 300

export function plainErrorMessage(error: unknown): string {
  const firstLine = firstLineOf(error)
  return firstLine.length > MAX_LENGTH ? `${firstLine.slice(0, MAX_LENGTH - 1)}…` : firstLine
}
