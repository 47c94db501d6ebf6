// The last step before a note's rendered Markdown reaches the screen. markdown-it already shows a
// note's own HTML as text; DOMPurify is the second wall (DESIGN.md: sanitized right before display)
// in case a rule ever lets markup through. It hands back DOM nodes, which are inserted as they are:
// the sanitized result is never turned into a string and parsed again (the step where mutation XSS
// lives), and no {@html} is involved. Only plain HTML is allowed (no SVG or MathML), nothing that
// loads or submits, no inline styles, and links only to http(s), mailto and in-page targets. The one
// control kept is <button> (outside any form it can do nothing by itself): the citation references
// the preview's own rules write are buttons, so the keyboard reaches them.

import DOMPurify, { type Config } from 'dompurify'
import type { Attachment } from 'svelte/attachments'

const CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'input', 'textarea', 'select', 'img', 'picture', 'source', 'video', 'audio', 'track', 'iframe', 'object', 'embed', 'link', 'meta', 'base'],
  FORBID_ATTR: ['style', 'src', 'srcset', 'action', 'formaction', 'background', 'poster', 'ping'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#)/i,
  RETURN_DOM_FRAGMENT: true
}

export function sanitizeMarkdownHtml(html: string): DocumentFragment {
  return DOMPurify.sanitize(html, CONFIG)
}

/** Fills the element with the sanitized nodes of `html`; runs again when `html` changes. */
export function sanitizedMarkdown(html: string): Attachment<HTMLElement> {
  return (element) => {
    element.replaceChildren(sanitizeMarkdownHtml(html))
  }
}
