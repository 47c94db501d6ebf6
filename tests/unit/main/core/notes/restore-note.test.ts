// Undo of a note's deletion: deleteNote answers with everything restoreNote needs, and restoreNote
// writes it back in one transaction.
import { afterEach, describe, expect, it } from 'vitest'
import { addChartCitation, addDatasetCitation, listCitations } from '../../../../../src/main/core/citations/citation-queries'
import { quoteInNote } from '../../../../../src/main/core/citations/quote-in-note'
import { saveChart } from '../../../../../src/main/core/charts/chart-queries'
import { listDatasets } from '../../../../../src/main/core/datasets/dataset-queries'
import { deleteNote, getNote, insertNote, listNotes, setNoteTags, updateNote } from '../../../../../src/main/core/notes/note-queries'
import { restoreNote } from '../../../../../src/main/core/notes/restore-note'
import { tempArchive } from '../../../../helpers/temp-archive'
import { chartDrawer } from '../../../../../src/main/core/charts/aggregate-chart'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

async function noteCitingEverything() {
  const made = await tempArchive(true)
  cleanups.push(made.cleanup)
  const db = made.archive.db
  const seed = db.prepare("SELECT id, body FROM articles WHERE publisher = 'Colorlines'").get() as { id: number; body: string }
  const removals = listDatasets(db).find((dataset) => dataset.name.startsWith('ICE removals'))!
  const chart = (await saveChart(db, 'Removals', { datasetId: removals.id, type: 'bar', title: 'Removals', x: { column: 0, bucket: null }, y: { aggregate: 'count', column: null }, groupBy: null, share: null, filters: [] }, chartDrawer(db, null)))
  const start = seed.body.indexOf('288,361')
  const quoted = quoteInNote(db, { kind: 'new', title: 'Closure rate' }, seed.id, start, start + 7)
  const id = quoted.note.id
  const dataset = addDatasetCitation(db, id, removals.id, 'rows FY2011 only')
  const charted = addChartCitation(db, id, chart.id)
  updateNote(db, id, 'Closure rate', `${quoted.note.body}\nRemovals [[cite:${dataset.id}]], charted [[cite:${charted.id}]] [[chart:${chart.id}]].`)
  setNoteTags(db, id, ['review', 'FY2012'])
  return { db, id, seed, removals, chart }
}

describe('deleteNote and restoreNote', () => {
  it('deletes a note and answers with its text, tags, creation time and citations', async () => {
    const { db, id, seed, removals, chart } = await noteCitingEverything()
    const before = getNote(db, id)!
    const deleted = deleteNote(db, id)!
    expect(getNote(db, id)).toBeNull()
    expect(listCitations(db, id)).toEqual([])
    expect(deleted.note).toEqual({ id, title: 'Closure rate', body: before.body, tags: ['FY2012', 'review'], createdAt: before.createdAt })
    expect(deleted.citations.map(({ id: _id, ...citation }) => citation)).toEqual([
      { kind: 'article', sourceId: seed.id, start: seed.body.indexOf('288,361'), end: seed.body.indexOf('288,361') + 7 },
      { kind: 'dataset', sourceId: removals.id, detail: 'rows FY2011 only' },
      { kind: 'chart', sourceId: chart.id }
    ])
    expect(deleteNote(db, id)).toBeNull()
  })

  it('writes the note back with its tags and new citations, its text pointing at them', async () => {
    const { db, id, removals } = await noteCitingEverything()
    const before = getNote(db, id)!
    const deleted = deleteNote(db, id)!
    // Another note takes the freed citation id first, so the restored citations cannot keep theirs.
    const other = addDatasetCitation(db, insertNote(db, 'Meanwhile', '').id, removals.id, null)
    expect(other.id).toBe(deleted.citations[0]!.id)
    const restored = restoreNote(db, deleted)
    const citations = listCitations(db, restored.id)
    expect(citations).toHaveLength(3)
    expect(citations.map((citation) => citation.id)).not.toContain(other.id)
    const tokens = [...restored.body.matchAll(/\[\[cite:(\d+)\]\]/g)].map((match) => Number(match[1]))
    expect(tokens).toEqual(citations.map((citation) => citation.id))
    expect(restored).toMatchObject({ title: 'Closure rate', tags: ['FY2012', 'review'], createdAt: before.createdAt })
    expect(restored.body.replace(/\[\[cite:\d+\]\]/g, '[[cite]]')).toBe(before.body.replace(/\[\[cite:\d+\]\]/g, '[[cite]]'))
    expect(citations[0]).toMatchObject({ kind: 'article', quote: '288,361' })
  })

  it('leaves out a citation whose source is gone, and keeps the rest', async () => {
    const { db, id, chart } = await noteCitingEverything()
    const deleted = deleteNote(db, id)!
    db.prepare('DELETE FROM charts WHERE id = ?').run(chart.id)
    const restored = restoreNote(db, deleted)
    const citations = listCitations(db, restored.id)
    expect(citations.map((citation) => citation.kind)).toEqual(['article', 'dataset'])
    // The chart's token goes with it: left in, it would name whichever citation next takes its id.
    const tokens = [...restored.body.matchAll(/\[\[cite:(\d+)\]\]/g)].map((match) => Number(match[1]))
    expect(tokens).toEqual(citations.map((citation) => citation.id))
    expect(restored.body).toContain(`Removals [[cite:${citations[1]!.id}]], charted [[chart:${chart.id}]].`)
  })

  it('writes nothing at all when a step fails part-way', async () => {
    const { db, id } = await noteCitingEverything()
    const deleted = deleteNote(db, id)!
    db.exec("CREATE TEMP TRIGGER refuse_tags BEFORE INSERT ON note_tags BEGIN SELECT RAISE(ABORT, 'no tags today'); END")
    expect(() => restoreNote(db, deleted)).toThrow('no tags today')
    expect(listNotes(db)).toEqual([])
    expect(db.prepare('SELECT count(*) FROM citations').pluck().get()).toBe(0)
  })
})
