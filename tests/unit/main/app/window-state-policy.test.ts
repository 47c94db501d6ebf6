import { describe, expect, it } from 'vitest'
import {
  DEFAULT_WINDOW_SIZE,
  MIN_WINDOW_SIZE,
  parseWindowState,
  placeWindow,
  serializeWindowState,
  type Rect,
  type WindowState
} from '../../../../src/main/app/window-state-policy'

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1050 }
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 }

function saved(bounds: Rect, maximized = false): WindowState {
  return { bounds, maximized }
}

describe('parseWindowState', () => {
  it('round-trips what it writes', () => {
    const state = saved({ x: 10, y: 20, width: 1000, height: 700 }, true)
    expect(parseWindowState(serializeWindowState(state))).toEqual(state)
  })

  it('treats damaged or foreign files as no memory', () => {
    for (const text of [
      '',
      '{',
      'null',
      '[]',
      '"text"',
      '{"version":1}',
      '{"version":2,"bounds":{"x":0,"y":0,"width":800,"height":600}}',
      '{"bounds":{"x":0,"y":0,"width":800,"height":600}}',
      '{"version":1,"bounds":{"x":"0","y":0,"width":800,"height":600}}',
      '{"version":1,"bounds":{"x":0,"y":0,"width":0,"height":600}}',
      '{"version":1,"bounds":{"x":0,"y":0,"width":-5,"height":600}}',
      '{"version":1,"bounds":{"x":1e300,"y":0,"width":800,"height":600}}',
      '{"version":1,"bounds":null}'
    ]) {
      expect(parseWindowState(text), text).toBeNull()
    }
  })

  it('rounds fractional pixels and reads a missing maximized flag as false', () => {
    expect(parseWindowState('{"version":1,"bounds":{"x":1.4,"y":2.6,"width":800.5,"height":600}}')).toEqual(
      saved({ x: 1, y: 3, width: 801, height: 600 })
    )
  })
})

describe('placeWindow', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(placeWindow(null, [laptop])).toEqual({ bounds: { ...DEFAULT_WINDOW_SIZE }, maximized: false })
  })

  it('keeps bounds that fit on a display', () => {
    const bounds = { x: 100, y: 80, width: 1200, height: 800 }
    expect(placeWindow(saved(bounds, true), [laptop])).toEqual({ bounds, maximized: true })
  })

  it('keeps a window on a secondary monitor', () => {
    const bounds = { x: 2200, y: 100, width: 1600, height: 1000 }
    expect(placeWindow(saved(bounds), [laptop, rightMonitor]).bounds).toEqual(bounds)
  })

  it('falls back to defaults when the monitor it was on is gone', () => {
    const placement = placeWindow(saved({ x: 2200, y: 100, width: 1600, height: 1000 }, true), [laptop])
    expect(placement.bounds).toEqual({ ...DEFAULT_WINDOW_SIZE })
    expect(placement.maximized).toBe(true)
  })

  it('treats a sliver at the screen edge as off-screen', () => {
    expect(placeWindow(saved({ x: 1900, y: 100, width: 800, height: 600 }), [laptop]).bounds).toEqual({ ...DEFAULT_WINDOW_SIZE })
  })

  it('pulls a partly visible window fully onto the display', () => {
    expect(placeWindow(saved({ x: 1500, y: -200, width: 800, height: 600 }), [laptop]).bounds).toEqual({
      x: 1120,
      y: 0,
      width: 800,
      height: 600
    })
  })

  it('shrinks a window larger than the display and never below the minimum', () => {
    expect(placeWindow(saved({ x: 0, y: 0, width: 4000, height: 3000 }), [laptop]).bounds).toEqual(laptop)
    expect(placeWindow(saved({ x: 10, y: 10, width: 100, height: 100 }), [laptop]).bounds).toEqual({
      x: 10,
      y: 10,
      ...MIN_WINDOW_SIZE
    })
  })

  it('respects a work area that does not start at zero (a top panel)', () => {
    const panelled: Rect = { x: 0, y: 32, width: 1366, height: 736 }
    expect(placeWindow(saved({ x: 50, y: 0, width: 1000, height: 700 }), [panelled]).bounds).toEqual({ x: 50, y: 32, width: 1000, height: 700 })
    expect(placeWindow(null, [panelled]).bounds).toEqual({ width: 1280, height: 736 })
  })

  it('picks the display showing most of the window', () => {
    const placement = placeWindow(saved({ x: 1700, y: 100, width: 1000, height: 800 }), [laptop, rightMonitor])
    expect(placement.bounds).toEqual({ x: 1920, y: 100, width: 1000, height: 800 })
  })

  it('copes with no display information at all', () => {
    expect(placeWindow(saved({ x: 0, y: 0, width: 900, height: 700 }), [])).toEqual({ bounds: { ...DEFAULT_WINDOW_SIZE }, maximized: false })
  })
})
