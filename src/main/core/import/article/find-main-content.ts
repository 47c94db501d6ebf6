import { isDroppedElement } from './html-element-roles'
import { descendants, textOf, type HtmlElement, type HtmlNode } from './html-tree'

/** Paragraphs shorter than this are captions, datelines or buttons, not story text. */
const MIN_PARAGRAPH = 25

export interface MainContent {
  /** The element whose text is the article. */
  root: HtmlElement
  /** Whether an element is left out of the text (chrome, hidden, code), decided once for the page. */
  dropped: (element: HtmlElement) => boolean
}

function isStoryContainer(element: HtmlElement): boolean {
  return element.tag === 'article' || element.tag === 'main' || element.attrs.role === 'main'
}

/**
 * Finds the story on a page the way reader views do: the page's own <article>, <main> or
 * [role=main] when it has one with text, otherwise the element whose paragraphs hold the most text,
 * discounted by how much of its text is links (menus and link lists are mostly links).
 */
export function findMainContent(document: HtmlElement): MainContent {
  const holders = new Set<HtmlElement>()
  for (const element of descendants(document)) {
    if (!isStoryContainer(element)) continue
    for (let up = element.parent; up !== null && !holders.has(up); up = up.parent) holders.add(up)
  }
  const droppedCache = new Map<HtmlElement, boolean>()
  const dropped = (element: HtmlElement): boolean => {
    let known = droppedCache.get(element)
    if (known === undefined) {
      known = isDroppedElement(element, holders.has(element))
      droppedCache.set(element, known)
    }
    return known
  }

  const visible = [...visibleElements(document, dropped)]
  const paragraphs = new Map(visible.filter((element) => element.tag === 'p').map((p) => [p, textOf(p).length]))
  const paragraphText = (container: HtmlElement): number => {
    let sum = 0
    for (const [p, length] of paragraphs) if (isInside(p, container)) sum += length
    return sum
  }

  for (const isCandidate of [(e: HtmlElement) => e.tag === 'article', (e: HtmlElement) => e.tag === 'main' || e.attrs.role === 'main']) {
    const candidates = visible.filter(isCandidate)
    let best: HtmlElement | null = null
    let bestText = 0
    for (const candidate of candidates) {
      const length = paragraphText(candidate) || textOf(candidate).length
      if (length > bestText) {
        best = candidate
        bestText = length
      }
    }
    if (best !== null) return { root: best, dropped }
  }

  const scores = new Map<HtmlElement, number>()
  for (const [p, length] of paragraphs) {
    if (length < MIN_PARAGRAPH || p.parent === null) continue
    scores.set(p.parent, (scores.get(p.parent) ?? 0) + length)
    const grandparent = p.parent.parent
    if (grandparent !== null) scores.set(grandparent, (scores.get(grandparent) ?? 0) + length / 2)
  }
  let root = visible.find((element) => element.tag === 'body') ?? document
  let bestScore = 0
  for (const [element, score] of scores) {
    const adjusted = score * (1 - linkDensity(element, dropped))
    if (adjusted > bestScore) {
      root = element
      bestScore = adjusted
    }
  }
  return { root, dropped }
}

function isInside(element: HtmlElement, container: HtmlElement): boolean {
  for (let up: HtmlElement | null = element; up !== null; up = up.parent) if (up === container) return true
  return false
}

/** Elements under `root` in document order, not entering dropped ones (iterative: pages can nest deeply). */
function* visibleElements(root: HtmlElement, dropped: (element: HtmlElement) => boolean): Generator<HtmlElement> {
  const stack: HtmlNode[] = [...root.children].reverse()
  while (stack.length > 0) {
    const node = stack.pop()!
    if (typeof node === 'string' || dropped(node)) continue
    yield node
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!)
  }
}

/** The share of an element's visible text that sits inside links. */
function linkDensity(element: HtmlElement, dropped: (element: HtmlElement) => boolean): number {
  let total = 0
  let linked = 0
  const stack: [HtmlNode, boolean][] = [[element, false]]
  while (stack.length > 0) {
    const [node, inLink] = stack.pop()!
    if (typeof node === 'string') {
      const length = node.replace(/\s+/g, ' ').trim().length
      total += length
      if (inLink) linked += length
    } else if (node === element || !dropped(node)) {
      for (const child of node.children) stack.push([child, inLink || node.tag === 'a'])
    }
  }
  return total === 0 ? 0 : linked / total
}
