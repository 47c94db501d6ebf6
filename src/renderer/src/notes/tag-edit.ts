// Editing a note's tags: what to suggest while one is typed, and how a typed tag is tidied and added.
// Tags compare without regard to case, as the archive stores them (one "ICE", not "ICE" and "ice").

import { foldForMatch, sameTag } from './note-list-order'

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })

/**
 * Tags to offer while typing one: those in use that the note does not carry yet, the ones that
 * start with what was typed before the ones that only contain it, most used first.
 */
export function tagSuggestions(known: readonly { tag: string; count: number }[], current: readonly string[], typed: string, limit: number): string[] {
  const query = foldForMatch(typed.trim())
  const candidates = known.filter((entry) => !current.some((tag) => sameTag(tag, entry.tag)))
  const scored = candidates
    .map((entry) => {
      const folded = foldForMatch(entry.tag)
      const rank = query === '' ? 1 : folded.startsWith(query) ? 0 : folded.includes(query) ? 1 : -1
      return { entry, rank }
    })
    .filter((candidate) => candidate.rank >= 0)
  scored.sort((a, b) => a.rank - b.rank || b.entry.count - a.entry.count || collator.compare(a.entry.tag, b.entry.tag))
  return scored.slice(0, limit).map((candidate) => candidate.entry.tag)
}

/** Tags tidied as the archive stores them: spaces collapsed, at most 60 characters, no empty ones. */
export function cleanTag(typed: string): string {
  return typed.replace(/\s+/g, ' ').trim().slice(0, 60).trim()
}

/** The tags with one added (unless it is there already, in any case). */
export function withTag(tags: readonly string[], typed: string): string[] {
  const tag = cleanTag(typed)
  if (tag === '' || tags.some((existing) => sameTag(existing, tag))) return [...tags]
  return [...tags, tag]
}
