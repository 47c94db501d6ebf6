/** Where the CLI writes; tests pass in-memory streams. */
export interface CliIo {
  out(text: string): void
  err(text: string): void
  /** True when stdout is a terminal: colours and aligned tables only then. */
  isTty: boolean
  /** True when stderr is a terminal: progress bars only then. */
  errIsTty: boolean
  /**
   * Calls `handler` on Ctrl-C (SIGINT) until the returned function is called. Meanwhile the first
   * Ctrl-C does not end the process: the command stops its work and ends itself.
   */
  onInterrupt(handler: () => void): () => void
}

export class UsageError extends Error {}

export class CommandError extends Error {}
