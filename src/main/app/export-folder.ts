// The folder every save dialog starts in: exports, backups and chart downloads alike. It starts in
// Documents and follows the person: after they save somewhere, the next dialog opens there too.

import { dirname } from 'node:path'

export class ExportFolder {
  #folder: string

  constructor(startIn: string) {
    this.#folder = startIn
  }

  get current(): string {
    return this.#folder
  }

  /** Called with the path of a file that was just saved. */
  savedAt(path: string): void {
    this.#folder = dirname(path)
  }
}
