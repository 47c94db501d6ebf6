// Reads anything a person types into the search box as a query. It never throws: input it cannot
// read as the query language is read as plain words, and each such decision is listed in `notes`.
//
// Semantics in brief (tests/unit/shared/query pins each one):
//   words are ANDed; OR binds tighter than that AND (`a b OR c` = a AND (b OR c)); -x / NOT x exclude;
//   "phrases"; prefix*; NEAR(a b, N) (N defaults to 10); ( ) group;
//   title: author: source: scope one word, prefix or "phrase" to those fields;
//   kind: dataset: year: after: before: are filters on the whole query wherever they appear;
//   after:/before: take YYYY, YYYY-MM or YYYY-MM-DD, mean the first day of that period, and form the
//   half-open range [after, before). Invalid filter values and unknown `name:` prefixes are words.

import type { ParsedQuery } from './query-ast'
import { readQuery } from './read-query'

export function parseQuery(input: string): ParsedQuery {
  return readQuery(input).parsed
}
