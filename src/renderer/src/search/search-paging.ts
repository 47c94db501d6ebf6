// Search results arrive a page at a time as the user scrolls. These rules decide what the next page
// is and when the list is complete; the state class only sequences the requests.

import { MAX_SEARCH_OFFSET } from '@shared/api'
import type { SearchHit } from '@shared/model'

/** Small enough to answer at once, large enough that a fast scroll rarely waits. */
export const SEARCH_PAGE_SIZE = 50

/** Identifies a hit across pages: an article or note by id, a data row by dataset and row. */
export function hitKey(hit: Pick<SearchHit, 'kind' | 'id' | 'row'>): string {
  return `${hit.kind}:${hit.id}:${hit.row ?? ''}`
}

/**
 * The hits of a new page that are not listed yet, each recorded in `seen` as it is let through. If
 * the archive changed between two pages, ranks shift and a hit can come back; a list must never
 * show it twice.
 */
export function unseenHits(seen: Set<string>, page: readonly SearchHit[]): SearchHit[] {
  return page.filter((hit) => {
    const key = hitKey(hit)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** Where the list stands: more to fetch, everything shown, or stopped at the deepest page the archive serves. */
export type PagingEnd = 'more' | 'all' | 'capped'

/**
 * `fetched` is how far into the ranking the pages so far reach. `exhausted` is set when a page came
 * back empty although the total promised more (the archive changed underneath): asking again would
 * loop, so the list ends there.
 */
export function pagingEnd(fetched: number, total: number, exhausted: boolean): PagingEnd {
  if (fetched >= total || exhausted) return 'all'
  if (fetched > MAX_SEARCH_OFFSET) return 'capped'
  return 'more'
}

/** The offset of the next page, or null when there is none to ask for. */
export function nextPageOffset(fetched: number, total: number, exhausted: boolean): number | null {
  return pagingEnd(fetched, total, exhausted) === 'more' ? fetched : null
}
