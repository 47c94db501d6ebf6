import { describe, expect, it } from 'vitest'
import { FileDropState } from '../../../../src/renderer/src/imports/file-drop.svelte'

/** A drag event carrying `types` (and `files` for a drop), as the browser sends it over the window. */
function drag(type: string, types: string[], files: File[]): DragEvent {
  const event = new Event(type, { cancelable: true }) as DragEvent
  const transfer = { types, files, dropEffect: 'none' }
  Object.defineProperty(event, 'dataTransfer', { value: transfer })
  return event
}

describe('FileDropState', () => {
  it('stays up while the pointer crosses elements, and goes when the leaves catch up with the enters', () => {
    const drop = new FileDropState()
    const enterWindow = drag('dragenter', ['Files'], [])
    drop.enter(enterWindow)
    expect(enterWindow.defaultPrevented).toBe(true)
    drop.enter(drag('dragenter', ['Files'], []))
    drop.leave(drag('dragleave', ['Files'], []))
    expect(drop.active).toBe(true)
    drop.leave(drag('dragleave', ['Files'], []))
    expect(drop.active).toBe(false)
    // A stray leave does not drive the count below zero and hide a later drag.
    drop.leave(drag('dragleave', ['Files'], []))
    drop.enter(drag('dragenter', ['Files'], []))
    expect(drop.active).toBe(true)
  })

  it('accepts a copy over the window, so the window never navigates to the file', () => {
    const drop = new FileDropState()
    const over = drag('dragover', ['Files'], [])
    drop.over(over)
    expect(over.defaultPrevented).toBe(true)
    expect(over.dataTransfer?.dropEffect).toBe('copy')
    expect(drop.active).toBe(true)
  })

  it('hands over the dropped files and hides; text or a link dragged is left to the browser', () => {
    const drop = new FileDropState()
    const text = drag('dragenter', ['text/plain'], [])
    drop.enter(text)
    expect(text.defaultPrevented).toBe(false)
    expect(drop.active).toBe(false)
    expect(drop.drop(drag('drop', ['text/uri-list'], []))).toBeNull()

    const file = new File(['a,b\n1,2\n'], 'figures.csv')
    drop.enter(drag('dragenter', ['Files'], [file]))
    drop.enter(drag('dragenter', ['Files'], [file]))
    const dropped = drag('drop', ['Files'], [file])
    expect(drop.drop(dropped)?.map((each) => each.name)).toEqual(['figures.csv'])
    expect(dropped.defaultPrevented).toBe(true)
    expect(drop.active).toBe(false)
    // The count starts again from nothing: one enter and one leave make the next drag come and go.
    drop.enter(drag('dragenter', ['Files'], []))
    drop.leave(drag('dragleave', ['Files'], []))
    expect(drop.active).toBe(false)
  })
})
