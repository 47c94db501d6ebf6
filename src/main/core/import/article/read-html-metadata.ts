import { isBylineElement } from './html-element-roles'
import { descendants, textOf, type HtmlElement } from './html-tree'
import { normaliseDate } from './normalise-date'

export interface HtmlMetadata {
  title: string | null
  /** The page's <title> as written, which often ends with the site's name. */
  documentTitle: string | null
  firstHeading: string | null
  byline: string | null
  publisher: string | null
  publishedAt: string | null
  url: string | null
}

const DATE_META = [
  'article:published_time', 'date', 'pubdate', 'publishdate', 'publish-date', 'publication_date', 'dc.date',
  'dc.date.issued', 'dcterms.created', 'dcterms.date', 'sailthru.date', 'parsely-pub-date', 'og:published_time'
]
const MAX_BYLINE = 120

/** Schema.org facts from <script type="application/ld+json">, read as data with JSON.parse. */
interface LinkedData {
  headline: string | null
  author: string | null
  publisher: string | null
  datePublished: string | null
  url: string | null
}

/**
 * Title, byline, publisher, date and address of a page, from what publishers put in their markup:
 * Open Graph and Twitter tags, <meta name=author>, article:* tags, <link rel=canonical>, <time>,
 * schema.org JSON-LD, and visible bylines. `content` is the story's element, where a <time> or a
 * byline is most likely the article's own.
 */
export function readHtmlMetadata(document: HtmlElement, content: HtmlElement): HtmlMetadata {
  const meta = new Map<string, string>()
  let documentTitle: string | null = null
  let canonical: string | null = null
  let firstHeading: string | null = null
  let linkedData: LinkedData | null = null
  for (const element of descendants(document)) {
    const attrs = element.attrs
    if (element.tag === 'meta' && attrs.content !== undefined) {
      const key = (attrs.property ?? attrs.name ?? attrs.itemprop ?? '').trim().toLowerCase()
      const value = attrs.content.replace(/\s+/g, ' ').trim()
      if (key !== '' && value !== '' && !meta.has(key)) meta.set(key, value)
    } else if (element.tag === 'title' && documentTitle === null) {
      documentTitle = textOf(element) || null
    } else if (element.tag === 'link' && canonical === null && (attrs.rel ?? '').toLowerCase().split(/\s+/).includes('canonical')) {
      canonical = attrs.href ?? null
    } else if (element.tag === 'h1' && firstHeading === null) {
      firstHeading = textOf(element) || null
    } else if (element.tag === 'script' && (attrs.type ?? '').toLowerCase() === 'application/ld+json' && linkedData === null) {
      linkedData = readLinkedData(element)
    }
  }

  const publisher = meta.get('og:site_name') ?? meta.get('application-name') ?? linkedData?.publisher ?? null
  const title = meta.get('og:title') ?? meta.get('twitter:title') ?? linkedData?.headline ?? withoutSiteName(documentTitle, publisher)
  return {
    title: title || null,
    documentTitle,
    firstHeading,
    byline: findByline(meta, linkedData, document, content),
    publisher,
    publishedAt: findDate(meta, linkedData, document, content),
    url: webAddress(canonical) ?? webAddress(meta.get('og:url') ?? null) ?? webAddress(linkedData?.url ?? null)
  }
}

/** "Headline | Site" → "Headline" when the suffix is the site's name. */
function withoutSiteName(title: string | null, publisher: string | null): string | null {
  if (title === null || publisher === null) return title
  const match = /^(.*\S)\s+[|–—:-]\s+(.+)$/.exec(title)
  return match && match[2]!.trim().toLowerCase() === publisher.trim().toLowerCase() ? match[1]! : title
}

function findByline(meta: Map<string, string>, linkedData: LinkedData | null, document: HtmlElement, content: HtmlElement): string | null {
  const fromMeta = [meta.get('author'), meta.get('article:author'), meta.get('dc.creator'), meta.get('byl'), linkedData?.author]
  for (const value of fromMeta) {
    const byline = cleanByline(value ?? '')
    if (byline !== null) return byline
  }
  for (const scope of [content, document]) {
    for (const element of descendants(scope)) {
      if (!isBylineElement(element)) continue
      const byline = cleanByline(textOf(element))
      if (byline !== null) return byline
    }
  }
  return null
}

/** "By Jane Doe" → "Jane Doe"; profile links and paragraphs are not bylines. */
function cleanByline(text: string): string | null {
  const byline = text.replace(/\s+/g, ' ').trim().replace(/^by\s+/i, '')
  if (byline === '' || byline.length > MAX_BYLINE || /^(https?:|www\.)/i.test(byline)) return null
  return byline
}

function findDate(meta: Map<string, string>, linkedData: LinkedData | null, document: HtmlElement, content: HtmlElement): string | null {
  for (const key of DATE_META) {
    const date = normaliseDate(meta.get(key) ?? '')
    if (date !== null) return date
  }
  const fromLinkedData = normaliseDate(linkedData?.datePublished ?? '')
  if (fromLinkedData !== null) return fromLinkedData
  for (const scope of [content, document]) {
    for (const element of descendants(scope)) {
      if (element.tag !== 'time') continue
      const date = normaliseDate(element.attrs.datetime ?? textOf(element))
      if (date !== null) return date
    }
  }
  return null
}

/** Only http(s) addresses are kept: a javascript: or data: "canonical" link is not an address. */
function webAddress(value: string | null): string | null {
  if (value === null) return null
  try {
    const url = new URL(value.trim())
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

function readLinkedData(script: HtmlElement): LinkedData | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(script.children.filter((child) => typeof child === 'string').join(''))
  } catch {
    return null
  }
  const queue: unknown[] = [parsed]
  for (let seen = 0; queue.length > 0 && seen < 200; seen++) {
    const item = queue.shift()
    if (Array.isArray(item)) queue.push(...item)
    else if (isRecord(item)) {
      const type = [item['@type']].flat().map(String)
      if (type.some((name) => /Article|BlogPosting|Report/.test(name))) {
        return {
          headline: text(item.headline),
          author: nameOf(item.author),
          publisher: nameOf(item.publisher),
          datePublished: text(item.datePublished),
          url: text(item.url)
        }
      }
      if (item['@graph'] !== undefined) queue.push(item['@graph'])
    }
  }
  return null
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
}

/** A schema.org person or organisation: a name, an object with a name, or a list of them. */
function nameOf(value: unknown): string | null {
  if (Array.isArray(value)) {
    const names = value.map(nameOf).filter((name): name is string => name !== null)
    return names.length > 0 ? names.join(', ') : null
  }
  return isRecord(value) ? text(value.name) : text(value)
}
