/** A run of text that is either highlighted or not; rendered as a text node or a <mark>. */
export interface TextSegment {
  readonly text: string
  readonly marked: boolean
}

/** Appends a segment, merging it into the previous one when both have the same highlighting. */
export function pushSegment(segments: TextSegment[], text: string, marked: boolean): void {
  if (text === '') return
  const last = segments.at(-1)
  if (last !== undefined && last.marked === marked) {
    segments[segments.length - 1] = { text: last.text + text, marked }
  } else {
    segments.push({ text, marked })
  }
}
