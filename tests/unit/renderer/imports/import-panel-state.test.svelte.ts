import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_IMPORT_OPTIONS } from '../../../../src/shared/model'
import { ImportPanelState } from '../../../../src/renderer/src/imports/import-panel.svelte'
import { installFakeBridge, Refusal } from '../fake-bridge'

/** A button in the page, to stand for the status bar's toggle and for wherever the keyboard was. */
function button(name: string): HTMLButtonElement {
  const element = document.createElement('button')
  element.textContent = name
  document.body.append(element)
  return element
}

describe('ImportPanelState', () => {
  afterEach(() => {
    document.body.replaceChildren()
  })

  it('opened by its toggle takes the keyboard once; opened by an import it does not', () => {
    const panel = new ImportPanelState()
    panel.show()
    expect(panel.open).toBe(true)
    expect(panel.claimFocus()).toBe(false)
    panel.close(false)
    panel.toggle()
    expect(panel.open).toBe(true)
    expect(panel.claimFocus()).toBe(true)
    expect(panel.claimFocus()).toBe(false)
    panel.toggle()
    expect(panel.open).toBe(false)
  })

  it('gives the keyboard back to the toggle when it closes with the keyboard inside or nowhere, and leaves it alone elsewhere', () => {
    const panel = new ImportPanelState()
    const toggle = button('Imports')
    const field = button('Search')
    const detach = panel.attachToggle(toggle)
    panel.show()
    field.focus()
    panel.close(false)
    expect(document.activeElement).toBe(field)
    panel.show()
    panel.close(true)
    expect(document.activeElement).toBe(toggle)
    field.blur()
    toggle.blur()
    panel.show()
    panel.close(false)
    expect(document.activeElement).toBe(toggle)
    detach()
    toggle.blur()
    panel.show()
    panel.close(true)
    expect(document.activeElement).toBe(document.body)
  })

  it('starts an import with the options given, or says in one sentence why it could not', async () => {
    const bridge = installFakeBridge({ importFiles: () => ({ jobId: 'job-1' }) })
    const panel = new ImportPanelState()
    expect(await panel.start(['/data/figures.csv'], { ...DEFAULT_IMPORT_OPTIONS, force: true })).toBeNull()
    expect(panel.open).toBe(true)
    expect(bridge.argsOf('importFiles')).toEqual([{ paths: ['/data/figures.csv'], options: { ...DEFAULT_IMPORT_OPTIONS, force: true } }])
    bridge.handle({
      importFiles: () => {
        throw new Refusal('read-only', 'The archive is open read-only.')
      }
    })
    expect(await panel.start(['/data/figures.csv'], DEFAULT_IMPORT_OPTIONS)).toBe('Casefile could not start the import: The archive is open read-only.')
  })

  it('imports the dropped files that have a path, and says which could not be imported', async () => {
    const bridge = installFakeBridge({ importFiles: () => ({ jobId: 'job-1' }) })
    const panel = new ImportPanelState()
    await panel.importDropped(['/data/a.csv'], ['pasted.txt'])
    expect(panel.open).toBe(true)
    expect(panel.startError).toContain('“pasted.txt” is not a file on disk')
    expect(bridge.argsOf('importFiles')).toEqual([{ paths: ['/data/a.csv'], options: DEFAULT_IMPORT_OPTIONS }])
    await panel.importDropped([], ['one', 'two'])
    expect(panel.startError).toContain('2 of the dropped items are not files on disk')
    expect(bridge.argsOf('importFiles')).toHaveLength(1)
    bridge.handle({
      importFiles: () => {
        throw new Refusal('busy', 'Another import is writing.')
      }
    })
    await panel.importDropped(['/data/b.csv'], [])
    expect(panel.startError).toBe('Casefile could not start the import: Another import is writing.')
  })
})
