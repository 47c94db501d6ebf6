/**
 * Thrown inside a search that a newer one replaced (the person typed another letter): the work left
 * is skipped, not finished and thrown away. Only the search pool ever asks for it.
 */
export class SearchAbandoned extends Error {
  constructor() {
    super('This search was replaced by a newer one.')
    this.name = 'SearchAbandoned'
  }
}

/** Throws SearchAbandoned when the search should stop; called between steps of a search. */
export type Checkpoint = () => void

export const NEVER_ABANDONED: Checkpoint = () => {}

/** How many matches a loop walks between two checkpoints: often enough to stop within milliseconds. */
export const CHECKPOINT_EVERY = 4096
