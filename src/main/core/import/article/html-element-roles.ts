import type { HtmlElement } from './html-tree'

/** Elements that never hold an article's text: code, media, page furniture, forms. */
const DROPPED_TAGS = new Set([
  'head', 'title', 'meta', 'link', 'base', 'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object',
  'embed', 'applet', 'svg', 'math', 'canvas', 'video', 'audio', 'picture', 'source', 'track', 'map', 'nav', 'header',
  'footer', 'aside', 'menu', 'form', 'button', 'input', 'select', 'option', 'textarea', 'label', 'dialog'
])

/**
 * Words in a class or id that mark page chrome rather than the story. They are compared with whole
 * parts of the name ("share-bar" → share, bar) so "shareholders" or "adoption" do not match.
 */
const CHROME_WORDS = new Set([
  'nav', 'navbar', 'navigation', 'menu', 'breadcrumb', 'breadcrumbs', 'footer', 'sidebar', 'comment', 'comments', 'share',
  'sharing', 'social', 'related', 'recommended', 'promo', 'promotion', 'ad', 'ads', 'advert', 'advertisement', 'sponsored',
  'cookie', 'cookies', 'consent', 'subscribe', 'subscription', 'newsletter', 'paywall', 'popup', 'modal', 'banner', 'masthead'
])

// Containers the story itself lives in: a class like "has-sidebar" on them must not throw the story away.
const NEVER_CHROME = new Set(['#root', 'html', 'body', 'main', 'article'])

const BYLINE_WORDS = /(^|[\s_-])(byline|author|authors|writer)([\s_-]|$)/i

function nameParts(element: HtmlElement): string[] {
  return `${element.attrs.class ?? ''} ${element.attrs.id ?? ''}`.toLowerCase().split(/[\s_-]+/)
}

function isHidden(element: HtmlElement): boolean {
  if ('hidden' in element.attrs || element.attrs['aria-hidden'] === 'true') return true
  return /(^|;)\s*(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(element.attrs.style ?? '')
}

/**
 * Whether an element and everything in it is left out of the article text. `holdsStory` says the
 * element contains the page's <article>/<main>, which protects it from the class and id rule.
 */
export function isDroppedElement(element: HtmlElement, holdsStory: boolean): boolean {
  if (DROPPED_TAGS.has(element.tag) || isHidden(element)) return true
  if (element.attrs.role === 'navigation' || element.attrs.role === 'complementary' || element.attrs.role === 'banner') return true
  if (NEVER_CHROME.has(element.tag) || holdsStory) return false
  return nameParts(element).some((part) => CHROME_WORDS.has(part))
}

/** A byline: metadata, read into the byline field and kept out of the body. */
export function isBylineElement(element: HtmlElement): boolean {
  if (element.tag === 'body' || element.tag === 'article' || element.tag === 'main') return false
  if ((element.attrs.rel ?? '').toLowerCase().split(/\s+/).includes('author')) return true
  return BYLINE_WORDS.test(`${element.attrs.class ?? ''} ${element.attrs.id ?? ''}`)
}
