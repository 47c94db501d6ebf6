// "Quote in note": records the passage as a citation of the note, then adds `> words [[cite:ID]]`
// to the end of the note's text. The archive checks the offsets and stores the quote itself, so the
// note always quotes exactly what the article says.

import type { Citation, Note } from '@shared/model'
import { api } from '../lib/api'
import type { BodyRange } from './citation-offsets'
import { appendBlock, quoteBlock } from '../notes/note-references'

export type QuoteTarget = { kind: 'note'; id: number } | { kind: 'new'; title: string }

export interface Quoted {
  note: Note
  citation: Citation
  /** True when the note was made for this quote. */
  created: boolean
}

export async function quoteIntoNote(target: QuoteTarget, articleId: number, range: BodyRange): Promise<Quoted> {
  const created = target.kind === 'new'
  const note = target.kind === 'new' ? await api.createNote({ title: target.title, body: '' }) : await api.getNote({ id: target.id })
  const citation = await api.addArticleCitation({ noteId: note.id, articleId, start: range.start, end: range.end })
  const updated = await api.updateNote({ id: note.id, title: note.title, body: appendBlock(note.body, quoteBlock(citation.quote ?? '', citation.id)) })
  return { note: updated, citation, created }
}
