import type { Note } from '@shared/model'

/** What the main pane shows when no search is on screen. */
export type Place =
  | { kind: 'home' }
  | {
      kind: 'article'
      id: number
      /** The search that led here: its matches are marked and can be stepped through. Null from the sidebar. */
      highlight: string | null
      /** Whether that search matched case and accents exactly. */
      exact: boolean
    }
  | {
      kind: 'dataset'
      id: number
      /** A row to scroll to and mark (1-based, as search hits number them), or null for the top. */
      row: number | null
    }
  | {
      kind: 'note'
      id: number
      editing: boolean
      /** A note the app already holds (just created): shown at once, without fetching it again. */
      seed: Note | null
    }

/** Identifies a place for {#key}: a new key means a fresh view with its own loading state. */
export function placeKey(place: Place): string {
  switch (place.kind) {
    case 'home':
      return 'home'
    case 'article':
      return `article:${place.id}:${place.exact ? 'exact' : 'folded'}:${place.highlight ?? ''}`
    case 'dataset':
      return `dataset:${place.id}:${place.row ?? ''}`
    case 'note':
      return `note:${place.id}`
  }
}
