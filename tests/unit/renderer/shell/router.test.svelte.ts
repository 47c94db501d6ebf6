import { describe, expect, it } from 'vitest'
import { Router } from '../../../../src/renderer/src/shell/router.svelte'

describe('Router', () => {
  it('starts at home, and opening anything uncovers the pane first', () => {
    const uncovered: string[] = []
    const router = new Router(() => uncovered.push('search hidden'))
    expect(router.place).toEqual({ kind: 'home' })
    router.openItem('note', 4)
    expect(router.place).toEqual({ kind: 'note', id: 4, editing: false, seed: null })
    router.openItem('dataset', 2)
    expect(router.place).toEqual({ kind: 'dataset', id: 2, row: null })
    router.openItem('chart', 9)
    expect(router.place).toEqual({ kind: 'chart', id: 9, draft: null, editing: false })
    expect(uncovered).toHaveLength(3)
  })

  it('knows which item is open, by kind and id', () => {
    const router = new Router(() => {})
    router.open({ kind: 'article', id: 3, highlight: null, exact: false })
    expect(router.isOpen('article', 3)).toBe(true)
    expect(router.isOpen('note', 3)).toBe(false)
    expect(router.isOpen('article', 4)).toBe(false)
  })

  it('leaves a deleted item for another place only when it is the one open', () => {
    const router = new Router(() => {})
    router.openItem('note', 4)
    router.leave('note', 5, { kind: 'home' })
    expect(router.place).toEqual({ kind: 'note', id: 4, editing: false, seed: null })
    router.leave('note', 4, { kind: 'home' })
    expect(router.place).toEqual({ kind: 'home' })
    router.openItem('chart', 7)
    router.leave('chart', 7, { kind: 'dashboard' })
    expect(router.place).toEqual({ kind: 'dashboard' })
  })
})
