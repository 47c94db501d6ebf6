// What a drag over the window carries, and the paths of what was dropped. Only drags that carry
// files matter here: text or a link dragged within the app (into a note, say) is left to the browser.

export function carriesFiles(transfer: DataTransfer | null): boolean {
  return transfer !== null && Array.from(transfer.types).includes('Files')
}

export interface DroppedPaths {
  /** For importFiles, in the order dropped, each once. */
  paths: string[]
  /** Names of dropped items that have no place on disk (Electron reports '' for those). */
  unplaced: string[]
}

/**
 * Why some dropped items were not imported. Things dragged from another app (an image from a web
 * page, an e-mail attachment) can have no file behind them; saving them first is the way round.
 */
export function unplacedMessage(names: readonly string[]): string {
  if (names.length === 1) {
    return `“${names[0]}” is not a file on disk, so Casefile cannot import it. Save it to a folder first, then drop the saved file.`
  }
  return `${names.length} of the dropped items are not files on disk, so Casefile cannot import them. Save them to a folder first, then drop the saved files.`
}

export function droppedPaths<F extends { readonly name: string }>(
  files: Iterable<F>,
  pathFor: (file: F) => string
): DroppedPaths {
  const paths: string[] = []
  const unplaced: string[] = []
  for (const file of files) {
    const path = pathFor(file)
    if (path === '') unplaced.push(file.name)
    else if (!paths.includes(path)) paths.push(path)
  }
  return { paths, unplaced }
}
