// Rules for the file a user picks in the New archive… dialog.

import { extname } from 'node:path'

/** Linux save dialogs do not add the extension from the filter, so it is added here. */
export function withArchiveExtension(path: string, extension: string): string {
  return extname(path).toLowerCase() === `.${extension.toLowerCase()}` ? path : `${path}.${extension}`
}
