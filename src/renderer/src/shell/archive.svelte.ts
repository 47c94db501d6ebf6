// The archive as the sidebar sees it: its info and the three lists. Reloaded whole on start and
// whenever the main process says the archive changed; `generation` lets open views follow suit.

import type { ArchiveInfo, ArticleSummary, DatasetSummary, Note, NoteSummary } from '@shared/model'
import { api, toFailure, type ApiFailure } from '../lib/api'

export interface ArchiveContents {
  info: ArchiveInfo
  articles: ArticleSummary[]
  datasets: DatasetSummary[]
  notes: NoteSummary[]
}

function byUpdatedDesc(a: NoteSummary, b: NoteSummary): number {
  return b.updatedAt.localeCompare(a.updatedAt) || b.id - a.id
}

function summaryOf(note: Note): NoteSummary {
  return { id: note.id, title: note.title, createdAt: note.createdAt, updatedAt: note.updatedAt, excerpt: note.excerpt, tags: note.tags }
}

export class ArchiveState {
  info = $state.raw<ArchiveInfo | null>(null)
  articles = $state.raw<ArticleSummary[]>([])
  datasets = $state.raw<DatasetSummary[]>([])
  notes = $state.raw<NoteSummary[]>([])
  status = $state<'loading' | 'ready' | 'error'>('loading')
  error = $state.raw<ApiFailure | null>(null)
  /** True once the first load has finished, successfully or not (drives data-testid="app-ready"). */
  settled = $state(false)
  /** Bumped by every reload after the first, so open views refetch what they show. */
  generation = $state(0)
  /** Bumped when a different archive file is opened: ids from before mean nothing any more. */
  epoch = $state(0)

  #seq = 0

  /** Called with the info carried by an 'archive-changed' event; returns true if the file changed. */
  switchTo(info: ArchiveInfo): boolean {
    const changed = this.info !== null && this.info.path !== info.path
    if (changed) this.epoch++
    this.info = info
    return changed
  }

  async load(): Promise<void> {
    const seq = ++this.#seq
    this.status = 'loading'
    try {
      const [info, articles, datasets, notes] = await Promise.all([
        api.getArchiveInfo(),
        api.listArticles(),
        api.listDatasets(),
        api.listNotes()
      ])
      if (seq !== this.#seq) return
      this.info = info
      this.articles = articles
      this.datasets = datasets
      this.notes = [...notes].sort(byUpdatedDesc)
      this.error = null
      this.status = 'ready'
    } catch (caught) {
      if (seq !== this.#seq) return
      this.error = toFailure(caught)
      this.status = 'error'
    }
    this.settled = true
  }

  async reload(): Promise<void> {
    this.generation++
    await this.load()
  }

  noteSaved(note: Note): void {
    const others = this.notes.filter((existing) => existing.id !== note.id)
    this.notes = [summaryOf(note), ...others].sort(byUpdatedDesc)
  }

  noteDeleted(id: number): void {
    this.notes = this.notes.filter((note) => note.id !== id)
  }
}
