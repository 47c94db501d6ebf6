// The archive as the sidebar sees it: its info and the three lists. Reloaded whole on start and
// whenever the main process says the archive changed; `generation` lets open views follow suit.

import { createContext } from 'svelte'
import type { ArchiveInfo, ArticleSummary, DatasetSummary, Note, NoteSummary } from '@shared/model'
import { api, type ApiFailure } from '../lib/api'
import { Loadable } from '../lib/loadable.svelte'

interface Contents {
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

async function fetchContents(): Promise<Contents> {
  const [info, articles, datasets, notes] = await Promise.all([api.getArchiveInfo(), api.listArticles(), api.listDatasets(), api.listNotes()])
  return { info, articles, datasets, notes: [...notes].sort(byUpdatedDesc) }
}

export class ArchiveState {
  readonly #contents = new Loadable<Contents>()
  /** The info an 'archive-changed' event carried, until the lists of that archive arrive. */
  #announced = $state.raw<ArchiveInfo | null>(null)
  /** True once the first load has finished, successfully or not (drives data-testid="app-ready"). */
  settled = $state(false)
  /** Bumped by every reload after the first, so open views refetch what they show. */
  generation = $state(0)
  /** Bumped when a different archive file is opened: ids from before mean nothing any more. */
  epoch = $state(0)

  get info(): ArchiveInfo | null {
    return this.#announced ?? this.#contents.value?.info ?? null
  }

  get articles(): ArticleSummary[] {
    return this.#contents.value?.articles ?? []
  }

  get datasets(): DatasetSummary[] {
    return this.#contents.value?.datasets ?? []
  }

  get notes(): NoteSummary[] {
    return this.#contents.value?.notes ?? []
  }

  get counts(): { articles: number; datasets: number; notes: number } {
    return { articles: this.articles.length, datasets: this.datasets.length, notes: this.notes.length }
  }

  /** Before the first load this reads 'loading': the archive is on its way as soon as the window exists. */
  get status(): 'loading' | 'ready' | 'error' {
    return this.#contents.status === 'idle' ? 'loading' : this.#contents.status
  }

  get error(): ApiFailure | null {
    return this.#contents.error
  }

  /** The archive could not be read at all: there is no info to show, only the reason. */
  get unreadable(): boolean {
    return this.status === 'error' && this.error !== null && this.info === null
  }

  /** Called with the info carried by an 'archive-changed' event; returns true if the file changed. */
  switchTo(info: ArchiveInfo): boolean {
    const changed = this.info !== null && this.info.path !== info.path
    if (changed) this.epoch++
    this.#announced = info
    return changed
  }

  async load(): Promise<void> {
    if (!(await this.#contents.load(fetchContents))) return
    if (this.#contents.status === 'ready') this.#announced = null
    this.settled = true
  }

  async reload(): Promise<void> {
    this.generation++
    await this.load()
  }

  noteSaved(note: Note): void {
    this.#contents.modify((contents) => ({
      ...contents,
      notes: [summaryOf(note), ...contents.notes.filter((existing) => existing.id !== note.id)].sort(byUpdatedDesc)
    }))
  }

  noteDeleted(id: number): void {
    this.#contents.modify((contents) => ({ ...contents, notes: contents.notes.filter((note) => note.id !== id) }))
  }
}

export const [getArchive, setArchive] = createContext<ArchiveState>()
