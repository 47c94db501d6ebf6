import { Parser } from 'htmlparser2'

/**
 * The text of the first element of each of `names` in an XML part (the document properties of an
 * Office or OpenDocument file: docProps/core.xml, meta.xml), whitespace collapsed; names are the
 * qualified tag names as written, e.g. `dc:title`.
 */
export function readPackageProperties(xml: string, names: readonly string[]): Map<string, string> {
  const found = new Map<string, string>()
  let open: string | null = null
  let text = ''
  const parser = new Parser(
    {
      onopentag(name) {
        if (open === null && names.includes(name) && !found.has(name)) {
          open = name
          text = ''
        }
      },
      ontext(chunk) {
        if (open !== null) text += chunk
      },
      onclosetag(name) {
        if (name !== open) return
        const value = text.replace(/\s+/g, ' ').trim()
        if (value !== '') found.set(name, value)
        open = null
      }
    },
    { xmlMode: true, decodeEntities: true }
  )
  parser.write(xml)
  parser.end()
  return found
}
