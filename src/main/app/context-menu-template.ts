// What the right-click menu offers for what was clicked. Electron-free (only its types), so every
// combination is unit-tested; context-menu.ts shows it.

import type { MenuItemConstructorOptions } from 'electron'
import { selectionLabel, selectionQuery, type ContextMenuCommand, type ContextMenuRequest } from '@shared/context-menu'

/**
 * The editing commands are always listed, in the usual order, and enabled only where they would do
 * something: a menu whose items come and go is harder to learn than one with greyed items. The two
 * Casefile commands come first, as they are why a researcher right-clicks a passage.
 */
export function contextMenuTemplate(request: ContextMenuRequest, platform: NodeJS.Platform, choose: (command: Exclude<ContextMenuCommand, null>) => void): MenuItemConstructorOptions[] {
  const selected = request.selection.trim() !== ''
  const casefile: MenuItemConstructorOptions[] = []
  if (selected && request.quotable) casefile.push({ label: 'Quote in note…', click: () => choose('quote') })
  if (selected && !request.editable && selectionQuery(request.selection) !== '') {
    casefile.push({ label: `Search the archive for “${asMenuText(selectionLabel(request.selection), platform)}”`, click: () => choose('search') })
  }
  const editing: MenuItemConstructorOptions[] = [
    { role: 'cut', enabled: request.editable && selected },
    { role: 'copy', enabled: selected },
    { role: 'paste', enabled: request.editable },
    { type: 'separator' },
    { role: 'selectAll' }
  ]
  return casefile.length > 0 ? [...casefile, { type: 'separator' }, ...editing] : editing
}

/**
 * Text from the page shown as written: on Windows and Linux an "&" in a label marks the next letter
 * as the item's keyboard mnemonic (and is not shown), so a selection like "Tom & Jerry" would lose
 * its ampersand and gain a shortcut; "&&" shows one "&".
 */
function asMenuText(text: string, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? text : text.replaceAll('&', '&&')
}
