// Text that came from outside (an article's title, a publisher, a chart's labels) is written into a
// Markdown export as text: whatever viewer reads the file must not find markup, HTML or links in it.

const INLINE_MARKUP = /[\\`*_[\]<>&|~]/g

/** `text` as literal Markdown text on one line: markup characters backslash-escaped, line breaks made spaces. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(INLINE_MARKUP, (ch) => `\\${ch}`)
}
