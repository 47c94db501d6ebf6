import { SNIPPET_MARK_END, SNIPPET_MARK_START } from '@shared/model'

// NUL breaks text handling downstream, and the snippet markers must never occur in stored text or a
// search snippet could fake a highlight. Entities (&#xE000;) and PDF text can produce either.
const RESERVED = new RegExp(`[\\u0000${SNIPPET_MARK_START}${SNIPPET_MARK_END}]`, 'g')

export function removeReservedCharacters(text: string): string {
  return text.replace(RESERVED, '')
}
