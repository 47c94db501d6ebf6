// Compiles a parsed query into an FTS5 MATCH expression in which every piece of user text is an FTS5
// string ("..." with inner quotes doubled), so nothing the user types can be read as FTS5 syntax.
//
// FTS5 cannot say "everything except X": NOT is binary (`a NOT b`), and there is no match-all term.
// Each subtree is therefore compiled to one of five outcomes and combined by the rules of logic:
//   expr   - an expression that matches what the subtree matches
//   negated- the subtree matches everything except `expr`
//   none   - matches nothing (a field this table does not have)
//   all    - matches everything (e.g. NOT of a missing field)
//   empty  - nothing searchable was left (only punctuation); parents ignore it
// Only `expr` can be sent to FTS5. toFtsMatch returns null for the rest; callers must read null as
// "no rows from this table" (a query of excluded words alone, like `-foo`, finds nothing).

import { queryWords } from './plain-words'
import type { QueryField, QueryNode, TermNode } from './query-ast'

/** The FTS5 columns each field means in one table; an empty list means the table lacks the field. */
export type FieldColumns = { readonly [F in QueryField]: readonly string[] }

type Compiled =
  | { kind: 'expr'; expr: string }
  | { kind: 'negated'; expr: string }
  | { kind: 'none' }
  | { kind: 'all' }
  | { kind: 'empty' }

// Hand-built ASTs are not depth-capped by the parser; deeper subtrees are ignored rather than sent to
// FTS5, whose parser stack overflows at around 40 nested levels.
const MAX_COMPILE_DEPTH = 16
// Column names go into the expression unquoted, so only plain identifiers are accepted.
const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

export function toFtsMatch(ast: QueryNode, columns: FieldColumns): string | null {
  const compiled = compile(ast, columns, 0)
  return compiled.kind === 'expr' ? compiled.expr : null
}

function compile(node: QueryNode, columns: FieldColumns, depth: number): Compiled {
  if (depth > MAX_COMPILE_DEPTH) return { kind: 'empty' }
  switch (node.type) {
    case 'term':
      return compileTerm(node, columns)
    case 'near': {
      const phrases = node.terms.filter(hasWords).map((term) => ftsPhrase(term))
      if (phrases.length === 0) return { kind: 'empty' }
      if (phrases.length === 1) return { kind: 'expr', expr: phrases[0] as string }
      const distance = Math.max(0, Math.floor(node.distance))
      return { kind: 'expr', expr: `NEAR(${phrases.join(' ')}, ${distance})` }
    }
    case 'not': {
      const child = compile(node.child, columns, depth + 1)
      if (child.kind === 'expr') return { kind: 'negated', expr: child.expr }
      if (child.kind === 'negated') return { kind: 'expr', expr: child.expr }
      if (child.kind === 'none') return { kind: 'all' }
      if (child.kind === 'all') return { kind: 'none' }
      return child
    }
    case 'and':
      return compileAnd(node.children.map((child) => compile(child, columns, depth + 1)))
    case 'or':
      return compileOr(node.children.map((child) => compile(child, columns, depth + 1)))
  }
}

function compileTerm(term: TermNode, columns: FieldColumns): Compiled {
  if (!hasWords(term)) return { kind: 'empty' }
  if (term.field === null) return { kind: 'expr', expr: ftsPhrase(term) }
  const scoped = columns[term.field].filter((name) => COLUMN_NAME.test(name))
  if (scoped.length === 0) return { kind: 'none' }
  return { kind: 'expr', expr: `{${scoped.join(' ')}} : ${ftsPhrase(term)}` }
}

// a AND b AND NOT c AND NOT d  =  (a AND b) NOT (c OR d); with no positive part it stays negated.
function compileAnd(parts: Compiled[]): Compiled {
  if (parts.some((part) => part.kind === 'none')) return { kind: 'none' }
  const positive = exprsOf(parts, 'expr')
  const negative = exprsOf(parts, 'negated')
  if (positive.length === 0 && negative.length === 0) {
    return parts.some((part) => part.kind === 'all') ? { kind: 'all' } : { kind: 'empty' }
  }
  if (positive.length === 0) return { kind: 'negated', expr: join(negative, 'OR') }
  if (negative.length === 0) return { kind: 'expr', expr: join(positive, 'AND') }
  return { kind: 'expr', expr: `(${join(positive, 'AND')} NOT ${join(negative, 'OR')})` }
}

// a OR NOT c OR NOT d  =  NOT ((c AND d) NOT a): any negated option makes the whole OR negated.
function compileOr(parts: Compiled[]): Compiled {
  if (parts.some((part) => part.kind === 'all')) return { kind: 'all' }
  const positive = exprsOf(parts, 'expr')
  const negative = exprsOf(parts, 'negated')
  if (positive.length === 0 && negative.length === 0) {
    return parts.some((part) => part.kind === 'none') ? { kind: 'none' } : { kind: 'empty' }
  }
  if (negative.length === 0) return { kind: 'expr', expr: join(positive, 'OR') }
  if (positive.length === 0) return { kind: 'negated', expr: join(negative, 'AND') }
  return { kind: 'negated', expr: `(${join(negative, 'AND')} NOT ${join(positive, 'OR')})` }
}

function exprsOf(parts: Compiled[], kind: 'expr' | 'negated'): string[] {
  return parts.flatMap((part) => (part.kind === kind ? [part.expr] : []))
}

// Every operand is parenthesised, so FTS5's own precedence (NOT > AND > OR) never comes into play.
function join(exprs: string[], operator: 'AND' | 'OR'): string {
  return exprs.length === 1 ? (exprs[0] as string) : `(${exprs.join(` ${operator} `)})`
}

function hasWords(term: TermNode): boolean {
  return queryWords(term.text).length > 0
}

/** The term as an FTS5 string; control characters become spaces because FTS5 stops reading at NUL. */
function ftsPhrase(term: TermNode): string {
  const text = term.text.replace(/\p{Cc}/gu, ' ').replaceAll('"', '""')
  return term.match === 'prefix' ? `"${text}" *` : `"${text}"`
}
