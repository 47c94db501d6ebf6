// Every app-wide state object, made once when the window opens and provided to the components by
// context, and the reactions that cross features: the main process's events (an import's progress,
// another archive opened) reach the lists, the router and the import panel from here.

import type { ArchiveInfo, JobStatus } from '@shared/model'
import { onApiEvent } from '../lib/api'
import { ChartsState, setCharts } from '../charts/charts.svelte'
import { ImportPanelState, setImportPanel } from '../imports/import-panel.svelte'
import { JobsState, setJobs } from '../imports/jobs.svelte'
import { NoteListState, setNoteList } from '../notes/note-list.svelte'
import { NoteTrash, setNoteTrash } from '../notes/note-trash.svelte'
import { SavedSearchesState, setSavedSearches } from '../search/saved-searches.svelte'
import { SearchState, setSearch } from '../search/search.svelte'
import { ArchiveState, setArchive } from './archive.svelte'
import { Notice, setNotice } from './notice.svelte'
import { Router, setRouter } from './router.svelte'
import { NARROW_WINDOW, setSidebarFold, SidebarFold } from './sidebar-fold.svelte'

export class AppState {
  readonly archive = new ArchiveState()
  readonly search = new SearchState()
  readonly router = new Router(() => this.search.hide())
  readonly saved = new SavedSearchesState()
  readonly charts = new ChartsState()
  readonly jobs = new JobsState()
  readonly imports = new ImportPanelState()
  readonly noteList = new NoteListState()
  readonly trash = new NoteTrash()
  readonly notice = new Notice()
  readonly sidebar = new SidebarFold(window.matchMedia(NARROW_WINDOW))

  /** Makes every state object available to the components below the caller (App, during its setup). */
  provide(): void {
    setArchive(this.archive)
    setSearch(this.search)
    setRouter(this.router)
    setSavedSearches(this.saved)
    setCharts(this.charts)
    setJobs(this.jobs)
    setImportPanel(this.imports)
    setNoteList(this.noteList)
    setNoteTrash(this.trash)
    setNotice(this.notice)
    setSidebarFold(this.sidebar)
  }

  /** Loads what the window shows and follows the main process's events; returns the way to stop following. */
  start(): () => void {
    void this.archive.load()
    void this.saved.load()
    void this.charts.load()
    void this.#fetchJobs()
    return onApiEvent((event) => {
      if (event.type === 'job') this.onJob(event.job)
      else this.onArchiveChanged(event.info)
    })
  }

  onJob(job: JobStatus): void {
    const change = this.jobs.update(job)
    // Imports started from the menu announce themselves here; the panel is where they show.
    if (change === 'started') this.imports.show()
    // An import that finished added things the lists do not show yet, and new matches for the saved searches to count.
    if (change === 'finished' && job.outcomes.some((outcome) => outcome.status === 'imported')) {
      void this.archive.reload()
      void this.saved.load()
    }
  }

  onArchiveChanged(info: ArchiveInfo): void {
    // A different file means every open id is meaningless: start over from the home view.
    if (this.archive.switchTo(info)) {
      this.search.clear()
      this.router.open({ kind: 'home' })
      this.trash.dismiss()
      this.noteList.stopSelecting()
      this.jobs.reset()
      void this.#fetchJobs()
    }
    void this.archive.reload()
    void this.saved.load()
    void this.charts.load()
  }

  async #fetchJobs(): Promise<void> {
    // A reload in the middle of an import: show it, as if it had just started.
    if (await this.jobs.fetchKnown()) this.imports.show()
  }
}
