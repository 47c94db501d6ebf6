// Chart pictures and numbers are saved by the page as downloads of blob: URLs it made itself. These
// decisions give their save dialog a title and a starting folder like every other export, and refuse
// any download the app did not make. Electron-free, so they are unit-tested.

import { extname, join } from 'node:path'
import { originOf } from './app-origin'

export interface DownloadDialog {
  title: string
  defaultPath: string
  filters: { name: string; extensions: string[] }[]
}

const KINDS: Readonly<Record<string, { title: string; filter: string }>> = {
  '.png': { title: 'Save chart as picture', filter: 'PNG image' },
  '.csv': { title: 'Save chart numbers as CSV', filter: 'CSV table' }
}

export function downloadDialog(fileName: string, folder: string): DownloadDialog {
  // The page names the file; a name with a path in it must not choose the folder.
  const safeName = fileName.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim() || 'Casefile download'
  const extension = extname(safeName).toLowerCase()
  const kind = KINDS[extension]
  return {
    title: kind?.title ?? 'Save file',
    defaultPath: join(folder, safeName),
    filters: kind === undefined ? [] : [{ name: kind.filter, extensions: [extension.slice(1)] }]
  }
}

/** Only blob: URLs the app's own page created (blob:casefile://app/<uuid>) may be saved. */
export function isAppDownload(url: string, allowedOrigins: readonly string[]): boolean {
  if (!url.startsWith('blob:')) return false
  const origin = originOf(url.slice('blob:'.length))
  return origin !== null && allowedOrigins.includes(origin)
}
