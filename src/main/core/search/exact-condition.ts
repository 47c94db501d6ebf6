import type { QueryNode } from '@shared/query/query-ast'

/**
 * The "match case and accents exactly" switch, as an SQL condition on `haystack` (an SQL expression
 * for the item's text): FTS5 finds candidates ignoring case and accents, and this keeps those that
 * contain the query's words as typed. It mirrors the query's AND/OR shape; NOT needs no check (the
 * index already excluded those words in every spelling). Returns null when nothing needs checking.
 * Every piece of user text is a bound parameter, pushed onto `params`.
 */
export function exactCondition(node: QueryNode | null, haystack: string, params: string[]): string | null {
  if (node === null) return null
  switch (node.type) {
    case 'term': {
      if (!/[\p{L}\p{N}]/u.test(node.text)) return null
      params.push(node.text)
      return `instr(${haystack}, ?) > 0`
    }
    case 'near':
      return joined(node.terms.map((term) => exactCondition(term, haystack, params)), 'AND')
    case 'and':
      return joined(node.children.map((child) => exactCondition(child, haystack, params)), 'AND')
    case 'or': {
      const mark = params.length
      const parts = node.children.map((child) => exactCondition(child, haystack, params))
      // One unconstrained alternative makes the whole OR unconstrained.
      if (parts.some((part) => part === null)) {
        params.length = mark
        return null
      }
      return joined(parts, 'OR')
    }
    case 'not':
      return null
  }
}

function joined(parts: (string | null)[], operator: 'AND' | 'OR'): string | null {
  const kept = parts.filter((part): part is string => part !== null)
  if (kept.length === 0) return null
  return kept.length === 1 ? kept[0]! : `(${kept.join(` ${operator} `)})`
}

/** The same check as exactCondition, in JavaScript, for text SQLite cannot reach in the query. */
export function exactTest(node: QueryNode | null): ((text: string) => boolean) | null {
  if (node === null) return null
  switch (node.type) {
    case 'term':
      return /[\p{L}\p{N}]/u.test(node.text) ? (text) => text.includes(node.text) : null
    case 'near':
      return all(node.terms.map(exactTest))
    case 'and':
      return all(node.children.map(exactTest))
    case 'or': {
      const parts = node.children.map(exactTest)
      if (parts.some((part) => part === null)) return null
      return (text) => parts.some((part) => part!(text))
    }
    case 'not':
      return null
  }
}

function all(parts: (((text: string) => boolean) | null)[]): ((text: string) => boolean) | null {
  const kept = parts.filter((part): part is (text: string) => boolean => part !== null)
  if (kept.length === 0) return null
  return (text) => kept.every((part) => part(text))
}
