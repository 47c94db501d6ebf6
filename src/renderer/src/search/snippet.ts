// Search snippets arrive as plain text with private-use markers around matches. They are turned
// into segments (text + flag) so the view renders text nodes and <mark> elements, never HTML.

import { SNIPPET_MARK_END, SNIPPET_MARK_START } from '@shared/model'
import { pushSegment, type TextSegment } from './text-segment'

const MARKERS = new RegExp(`([${SNIPPET_MARK_START}${SNIPPET_MARK_END}])`, 'u')

/**
 * Splits a snippet on its markers. A stray end marker is dropped, an unclosed start marker
 * highlights to the end, and repeated start markers do not nest.
 */
export function snippetSegments(snippet: string): TextSegment[] {
  const segments: TextSegment[] = []
  let marked = false
  for (const piece of snippet.split(MARKERS)) {
    if (piece === SNIPPET_MARK_START) marked = true
    else if (piece === SNIPPET_MARK_END) marked = false
    else pushSegment(segments, piece, marked)
  }
  return segments
}
