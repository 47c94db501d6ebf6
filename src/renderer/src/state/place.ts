import type { Note } from '@shared/model'

/** What the main pane shows when no search is on screen. */
export type Place =
  | { kind: 'home' }
  | { kind: 'article'; id: number; highlight: string | null }
  | { kind: 'dataset'; id: number }
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
      return `article:${place.id}:${place.highlight ?? ''}`
    case 'dataset':
      return `dataset:${place.id}`
    case 'note':
      return `note:${place.id}`
  }
}
