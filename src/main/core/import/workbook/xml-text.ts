// Text as spreadsheet XML stores it: the five XML entities, character references, and the _xHHHH_
// escapes Office uses for characters XML cannot hold (a control character, or a literal "_x0041_"
// written as "_x005F_x0041_").

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const ENTITY = /&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g
const OFFICE_ESCAPE = /_x([0-9a-fA-F]{4})_/g

function entity(written: string, name: string): string {
  if (!name.startsWith('#')) return NAMED[name]!
  const code = name.startsWith('#x') ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1))
  // A reference past Unicode's last character is kept as written rather than failing the sheet.
  return code <= 0x10ffff ? String.fromCodePoint(code) : written
}

/** Decodes the text of an XML element (entities and character references). */
export function xmlText(raw: string): string {
  return raw.includes('&') ? raw.replace(ENTITY, entity) : raw
}

/** Decodes a string cell's text: XML entities, then Office's _xHHHH_ escapes. */
export function officeText(raw: string): string {
  const text = xmlText(raw)
  return text.includes('_x') ? text.replace(OFFICE_ESCAPE, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : text
}

/** The value of attribute `name` in an element's start tag `tag` (quotes of either kind), or null. */
export function attribute(tag: string, name: string): string | null {
  let from = 0
  for (;;) {
    const at = tag.indexOf(name, from)
    if (at < 0) return null
    from = at + name.length
    const before = tag.charCodeAt(at - 1)
    // A whole attribute name: after whitespace (or a namespace prefix's colon), followed by =.
    if (before !== 32 && before !== 9 && before !== 10 && before !== 13 && before !== 58) continue
    let i = from
    while (tag.charCodeAt(i) === 32) i++
    if (tag.charCodeAt(i) !== 61) continue
    i++
    while (tag.charCodeAt(i) === 32) i++
    const quote = tag[i]
    if (quote !== '"' && quote !== "'") return null
    const end = tag.indexOf(quote, i + 1)
    return end < 0 ? null : xmlText(tag.slice(i + 1, end))
  }
}
