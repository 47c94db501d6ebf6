// Chips are the query shown back as removable pieces: one per top-level conjunct (so removing a chip
// drops exactly one condition and never leaves a dangling OR) plus one per filter.

import type { AndNode, QueryChip, QueryChipKind, QueryNode, Span } from './query-ast'

export type Conjunct = Exclude<QueryNode, AndNode>

/** The top-level AND's members, with parenthesised AND groups opened up (AND is associative). */
export function conjunctsOf(nodes: readonly QueryNode[]): Conjunct[] {
  return nodes.flatMap((node) => (node.type === 'and' ? conjunctsOf(node.children) : [node]))
}

export function chipId(kind: QueryChipKind, span: Span): string {
  return `${kind}:${span.start}-${span.end}`
}

export function conjunctChip(node: Conjunct, source: string): QueryChip {
  const kind = chipKindOf(node)
  return { id: chipId(kind, node.span), label: describeNode(node), kind, text: source.slice(node.span.start, node.span.end) }
}

function chipKindOf(node: Conjunct): QueryChipKind {
  if (node.type !== 'term') return node.type
  if (node.field !== null) return 'field'
  return node.match === 'word' ? 'term' : node.match
}

/** A normalised rendering for chip labels: what the parser understood, not what was typed. */
export function describeNode(node: QueryNode): string {
  switch (node.type) {
    case 'term': {
      const body = node.match === 'phrase' ? `"${node.text}"` : node.text
      const prefix = node.field === null ? '' : `${node.field}: `
      return `${prefix}${body}${node.match === 'prefix' ? '*' : ''}`
    }
    case 'near':
      return `NEAR(${node.terms.map(describeNode).join(' ')}, ${node.distance})`
    case 'and':
      return `(${node.children.map(describeNode).join(' ')})`
    case 'or':
      return node.children.map(describeNode).join(' OR ')
    case 'not':
      return node.child.type === 'or' ? `NOT (${describeNode(node.child)})` : `NOT ${describeNode(node.child)}`
  }
}
