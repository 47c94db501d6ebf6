// What the window remembers between runs, and where it may reappear. The saved file is untrusted
// (hand-edited, truncated by a crash, written on a machine with another monitor), so parsing never
// throws and placement never puts the window where the user cannot reach it.

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowState {
  bounds: Rect
  maximized: boolean
}

/** x and y are absent when the window should be centred by the window manager. */
export interface WindowPlacement {
  bounds: { width: number; height: number; x?: number; y?: number }
  maximized: boolean
}

export const WINDOW_STATE_VERSION = 1
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 } as const
export const MIN_WINDOW_SIZE = { width: 720, height: 480 } as const
/** Enough of the window to grab its title bar; less than this counts as off-screen. */
const MIN_VISIBLE = 64
const MAX_COORDINATE = 1_000_000

function isCoordinate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_COORDINATE
}

function isExtent(value: unknown): value is number {
  return isCoordinate(value) && value > 0
}

export function parseWindowState(text: string): WindowState | null {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof data !== 'object' || data === null) return null
  const { version, bounds, maximized } = data as Record<string, unknown>
  if (version !== WINDOW_STATE_VERSION) return null
  if (typeof bounds !== 'object' || bounds === null) return null
  const { x, y, width, height } = bounds as Record<string, unknown>
  if (!isCoordinate(x) || !isCoordinate(y) || !isExtent(width) || !isExtent(height)) return null
  return {
    bounds: { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) },
    maximized: maximized === true
  }
}

export function serializeWindowState(state: WindowState): string {
  return `${JSON.stringify({ version: WINDOW_STATE_VERSION, ...state }, null, 2)}\n`
}

function overlapArea(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return { width: Math.max(0, width), height: Math.max(0, height) }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max)
}

function fitExtent(wanted: number, minimum: number, available: number): number {
  return Math.min(Math.max(wanted, minimum), available)
}

/**
 * Where to open the window. `workAreas` lists the displays' work areas, primary first. The saved
 * bounds are kept when they overlap a display by a grabbable amount, then shrunk and shifted to fit
 * inside that display; otherwise the window opens at the default size, centred.
 */
export function placeWindow(saved: WindowState | null, workAreas: readonly Rect[]): WindowPlacement {
  const primary = workAreas[0]
  const centred = (maximized: boolean): WindowPlacement => ({
    bounds: {
      width: primary ? fitExtent(DEFAULT_WINDOW_SIZE.width, MIN_WINDOW_SIZE.width, primary.width) : DEFAULT_WINDOW_SIZE.width,
      height: primary ? fitExtent(DEFAULT_WINDOW_SIZE.height, MIN_WINDOW_SIZE.height, primary.height) : DEFAULT_WINDOW_SIZE.height
    },
    maximized
  })
  if (saved === null) return centred(false)

  let best: { area: Rect; visible: number } | null = null
  for (const area of workAreas) {
    const overlap = overlapArea(saved.bounds, area)
    if (overlap.width < MIN_VISIBLE || overlap.height < MIN_VISIBLE) continue
    const visible = overlap.width * overlap.height
    if (best === null || visible > best.visible) best = { area, visible }
  }
  if (best === null) return centred(saved.maximized)

  const { area } = best
  const width = fitExtent(saved.bounds.width, MIN_WINDOW_SIZE.width, area.width)
  const height = fitExtent(saved.bounds.height, MIN_WINDOW_SIZE.height, area.height)
  return {
    bounds: {
      width,
      height,
      x: clamp(saved.bounds.x, area.x, area.x + area.width - width),
      y: clamp(saved.bounds.y, area.y, area.y + area.height - height)
    },
    maximized: saved.maximized
  }
}
