// The few pieces of WordprocessingML the readers that rewrite a .docx before mammoth look at.

/**
 * An element's tag in WordprocessingML: closing slash, local name (any prefix), attributes,
 * self-closing slash; or a comment or CDATA section (no name), whose tags are text, not elements.
 */
export const TAG = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g
export const VAL = /\bw:val\s*=\s*(?:"([^"]*)"|'([^']*)')/
export const STYLE_ID = /\bw:styleId\s*=\s*(?:"([^"]*)"|'([^']*)')/

/** The value of the attribute `pattern` finds in a tag's attributes, or null. */
export function valueOf(attributes: string, pattern: RegExp): string | null {
  const match = pattern.exec(attributes)
  return match === null ? null : (match[1] ?? match[2] ?? '')
}
