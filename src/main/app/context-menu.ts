// Shows the right-click menu the page asked for, over the window, and reports the Casefile command
// chosen. The editing roles run natively on the focused page and need no answer.

import { Menu, type BrowserWindow } from 'electron'
import type { ContextMenuCommand, ContextMenuRequest } from '@shared/context-menu'
import { contextMenuTemplate } from './context-menu-template'

/**
 * On some platforms the menu reports that it closed before it reports the item that closed it, so
 * "dismissed" is only concluded a moment after closing; a click in that moment still counts.
 */
const CLICK_AFTER_CLOSE_MS = 250

export function showContextMenu(window: BrowserWindow | null, request: ContextMenuRequest): Promise<ContextMenuCommand> {
  if (window === null) return Promise.resolve(null)
  return new Promise((resolve) => {
    let settled = false
    const settle = (command: ContextMenuCommand): void => {
      if (settled) return
      settled = true
      resolve(command)
    }
    const menu = Menu.buildFromTemplate(contextMenuTemplate(request, process.platform, settle))
    // At the place the page names, so a menu opened from the keyboard appears by what it is about.
    // The page counts CSS pixels; the window counts them zoomed (View › Zoom In).
    const zoom = window.webContents.getZoomFactor()
    menu.popup({ window, x: Math.round(request.x * zoom), y: Math.round(request.y * zoom), callback: () => setTimeout(() => settle(null), CLICK_AFTER_CLOSE_MS) })
  })
}
