import type { ChartSpec } from '@shared/chart-spec'
import type { Note } from '@shared/model'

/** A passage a note quotes: its offsets in the article's body, the words stored, and the note. */
export interface ArticlePassage {
  start: number
  end: number
  quote: string | null
  noteId: number
}

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
      /**
       * A quoted passage to scroll to and mark, when opened from a note's citation. Optional so the
       * many places that open an article plainly need not say so.
       */
      passage?: ArticlePassage
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
  | {
      kind: 'chart'
      /** The saved chart, or null for a new one being built from `draft`. */
      id: number | null
      /** A new chart's first spec ("Chart this" on a dataset); null for a saved chart. */
      draft: ChartSpec | null
      /** Open in the builder rather than as a finished chart. */
      editing: boolean
    }
  | { kind: 'dashboard' }

/** One kind of place, as the view that shows it takes it. */
export type PlaceOf<K extends Place['kind']> = Extract<Place, { kind: K }>

/** Identifies a place for {#key}: a new key means a fresh view with its own loading state. */
export function placeKey(place: Place): string {
  switch (place.kind) {
    case 'home':
      return 'home'
    case 'article':
      return `article:${place.id}:${place.exact ? 'exact' : 'folded'}:${place.highlight ?? ''}:${place.passage === undefined ? '' : `${place.passage.start}-${place.passage.end}`}`
    case 'dataset':
      return `dataset:${place.id}:${place.row ?? ''}`
    case 'note':
      return `note:${place.id}`
    case 'chart':
      return place.id === null ? `chart:new:${place.draft?.datasetId ?? ''}` : `chart:${place.id}`
    case 'dashboard':
      return 'dashboard'
  }
}
