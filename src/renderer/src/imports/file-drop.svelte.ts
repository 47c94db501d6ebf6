// Whether files are being dragged over the window. The browser fires dragenter/dragleave for every
// element the pointer crosses, so a single leave means nothing; the overlay goes away only when the
// leaves have caught up with the enters (the drag left the window) or the files were dropped.

import { carriesFiles } from './dropped-files'

export class FileDropState {
  active = $state(false)

  #depth = 0

  enter(event: DragEvent): void {
    if (!carriesFiles(event.dataTransfer)) return
    event.preventDefault()
    this.#depth++
    this.active = true
  }

  over(event: DragEvent): void {
    if (!carriesFiles(event.dataTransfer)) return
    // Without this the drop would not fire and the window would navigate to the file.
    event.preventDefault()
    if (event.dataTransfer !== null) event.dataTransfer.dropEffect = 'copy'
    this.active = true
  }

  leave(event: DragEvent): void {
    if (!carriesFiles(event.dataTransfer)) return
    this.#depth = Math.max(0, this.#depth - 1)
    if (this.#depth === 0) this.active = false
  }

  /** The dropped files, or null when the drop carried none (text, a link) and is not ours to handle. */
  drop(event: DragEvent): File[] | null {
    if (!carriesFiles(event.dataTransfer)) return null
    event.preventDefault()
    this.#depth = 0
    this.active = false
    return Array.from(event.dataTransfer?.files ?? [])
  }
}
