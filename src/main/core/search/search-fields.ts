import type { SearchHitKind } from '@shared/model'
import type { FieldColumns } from '@shared/query/to-fts-match'

/**
 * The FTS5 columns each query field means, per searchable kind. A field a kind lacks is an empty
 * list, which makes a scoped term match nothing there (so `title:x` finds no data rows).
 */
export const FIELD_COLUMNS: Record<SearchHitKind, FieldColumns> = {
  article: { title: ['title'], author: ['byline'], source: ['publisher'] },
  note: { title: ['title'], author: [], source: [] },
  // A dataset's name is its title; `source:` means a publisher, which a dataset's provenance may name among its other words.
  dataset: { title: ['name'], author: [], source: [] },
  data: { title: [], author: [], source: [] }
}
