// Opening an archive fails in a few ways a user must understand; each carries a message that names
// the file and says what to do. The message is shown as is, so it never contains a stack trace.

export type ArchiveOpenErrorCode = 'not-an-archive' | 'newer-archive' | 'unreadable'

export class ArchiveOpenError extends Error {
  readonly code: ArchiveOpenErrorCode

  constructor(code: ArchiveOpenErrorCode, message: string) {
    super(message)
    this.name = 'ArchiveOpenError'
    this.code = code
  }
}
