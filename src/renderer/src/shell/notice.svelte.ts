// The one-off notice in the status bar: something the user did could not be done, and the place
// where it was done has no room to say so (a note that could not be created, a menu that failed).

import { createContext } from 'svelte'

export class Notice {
  text = $state<string | null>(null)

  show(text: string): void {
    this.text = text
  }

  dismiss(): void {
    this.text = null
  }
}

export const [getNotice, setNotice] = createContext<Notice>()
