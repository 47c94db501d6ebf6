/** macOS users expect ⌘ in shortcut hints, everyone else Ctrl. */
export const IS_MAC = /Mac|iPhone|iPad/.test(navigator.userAgent)

export const SEARCH_SHORTCUT_LABEL = IS_MAC ? '⌘K' : 'Ctrl+K'
