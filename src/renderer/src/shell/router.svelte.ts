import type { Place } from './place'

/** Which item the main pane shows. Search results are layered on top by SearchState. */
export class Router {
  place = $state.raw<Place>({ kind: 'home' })

  open(place: Place): void {
    this.place = place
  }

  isOpen(kind: 'article' | 'dataset' | 'note', id: number): boolean {
    return this.place.kind === kind && this.place.id === id
  }
}
