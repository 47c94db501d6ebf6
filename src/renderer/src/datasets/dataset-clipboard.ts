// Copying text from a click or a key press. The page's own copy command is used, with the text put
// on the clipboard from its copy event: it needs no clipboard permission, which the app denies to
// every page. Must run while handling the person's click or key press.

/** Puts `text` on the clipboard; returns false if the browser refused the copy command. */
export function copyText(text: string): boolean {
  let copied = false
  const onCopy = (event: ClipboardEvent): void => {
    if (event.clipboardData === null) return
    event.clipboardData.setData('text/plain', text)
    event.preventDefault()
    event.stopImmediatePropagation()
    copied = true
  }
  document.addEventListener('copy', onCopy, { capture: true })
  try {
    document.execCommand('copy')
  } finally {
    document.removeEventListener('copy', onCopy, { capture: true })
  }
  return copied
}

/** Whether the person has selected some text themselves (then Ctrl/Cmd+C copies that, as usual). */
export function hasTextSelection(): boolean {
  const selection = window.getSelection()
  return selection !== null && !selection.isCollapsed && selection.toString() !== ''
}
