import { describe, expect, it } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import { contextMenuTemplate } from '../../../../src/main/app/context-menu-template'
import type { ContextMenuCommand } from '../../../../src/shared/context-menu'

function shown(items: MenuItemConstructorOptions[]): string[] {
  return items.map((item) => `${item.label ?? item.role ?? item.type}${item.enabled === false ? ' (off)' : ''}`)
}

describe('contextMenuTemplate', () => {
  it('offers quoting and searching for a selection in an article, then the editing commands', () => {
    const chosen: ContextMenuCommand[] = []
    const items = contextMenuTemplate({ selection: 'examined 288,361 cases and closed 4,403', editable: false, quotable: true, x: 10, y: 20 }, 'linux', (command) => chosen.push(command))
    expect(shown(items)).toEqual(['Quote in note…', 'Search the archive for “examined 288,361 cases and clos…”', 'separator', 'cut (off)', 'copy', 'paste (off)', 'separator', 'selectAll'])
    items[0]!.click?.({} as never, undefined, {} as never)
    items[1]!.click?.({} as never, undefined, {} as never)
    expect(chosen).toEqual(['quote', 'search'])
  })

  it('offers searching, not quoting, for a selection elsewhere', () => {
    expect(shown(contextMenuTemplate({ selection: 'Morton', editable: false, quotable: false, x: 10, y: 20 }, 'linux', () => {}))).toEqual([
      'Search the archive for “Morton”',
      'separator',
      'cut (off)',
      'copy',
      'paste (off)',
      'separator',
      'selectAll'
    ])
  })

  it('offers only editing in a text field, with Cut and Copy when text is selected', () => {
    expect(shown(contextMenuTemplate({ selection: '', editable: true, quotable: false, x: 10, y: 20 }, 'linux', () => {}))).toEqual(['cut (off)', 'copy (off)', 'paste', 'separator', 'selectAll'])
    expect(shown(contextMenuTemplate({ selection: 'backlog', editable: true, quotable: false, x: 10, y: 20 }, 'linux', () => {}))).toEqual(['cut', 'copy', 'paste', 'separator', 'selectAll'])
  })

  it('treats a selection of nothing but spaces as no selection', () => {
    expect(shown(contextMenuTemplate({ selection: '  \n ', editable: false, quotable: true, x: 10, y: 20 }, 'linux', () => {}))).toEqual(['cut (off)', 'copy (off)', 'paste (off)', 'separator', 'selectAll'])
  })
})

describe('text from the page in a menu label', () => {
  it('keeps an ampersand as an ampersand, not a mnemonic, off macOS', () => {
    const label = (platform: NodeJS.Platform) => contextMenuTemplate({ selection: 'Tom & Jerry', editable: false, quotable: false, x: 10, y: 20 }, platform, () => {})[0]!.label
    expect(label('linux')).toBe('Search the archive for “Tom && Jerry”')
    expect(label('win32')).toBe('Search the archive for “Tom && Jerry”')
    expect(label('darwin')).toBe('Search the archive for “Tom & Jerry”')
  })
})

describe('what is offered for odd selections', () => {
  it('offers no search for a selection with nothing searchable in it', () => {
    const labels = contextMenuTemplate({ selection: '"""', editable: false, quotable: true, x: 0, y: 0 }, 'linux', () => {}).map((item) => item.label ?? item.role)
    expect(labels).toEqual(['Quote in note…', undefined, 'cut', 'copy', 'paste', undefined, 'selectAll'].map((label) => label))
  })
})
