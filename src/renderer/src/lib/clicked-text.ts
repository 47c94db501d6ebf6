// What a right-click was on, as the context menu needs it: whether it was a text field (Cut and
// Paste apply there) and which text is selected. A selection inside a text field is not part of the
// document's selection, so it is read from the field itself.

export interface ClickedText {
  editable: boolean
  selection: string
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'url', 'email', 'tel', 'password', ''])

export function clickedText(target: EventTarget | null, documentSelection: string): ClickedText {
  if (target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type))) {
    const start = target.selectionStart ?? 0
    const end = target.selectionEnd ?? 0
    // A password's characters are never shown or searched for.
    const selection = target instanceof HTMLInputElement && target.type === 'password' ? '' : target.value.slice(start, end)
    return { editable: !target.readOnly && !target.disabled, selection }
  }
  const editable = target instanceof Element && target.closest('[contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"]') !== null
  return { editable, selection: documentSelection }
}

/** Where the menu for this event opens: the pointer, or where Chromium put a keyboard-opened one. */
export function menuPlace(event: MouseEvent): { x: number; y: number } {
  return { x: Math.max(0, Math.round(event.clientX)), y: Math.max(0, Math.round(event.clientY)) }
}
