import { StringDecoder } from 'node:string_decoder'
import type { ZipPackage } from '../zip/zip-package'
import { attribute } from './xml-text'

/** A start tag longer than this is no style or table tag: it is not carried from chunk to chunk. */
const MAX_TAG = 64 * 1024
const TAGS = /<(style:style|style:table-properties|table:table|office:body)(\s[^>]*)?>|<\/style:style>/g

/**
 * The names of an OpenDocument spreadsheet's hidden sheets. SheetJS does not say which they are:
 * a sheet is hidden by its table style (`<style:table-properties table:display="false"/>`, as
 * LibreOffice writes it), so content.xml's styles and table elements are scanned as it streams;
 * when its styles hide no table, the scan ends where its body starts.
 */
export async function hiddenOdsTables(zip: ZipPackage): Promise<Set<string>> {
  const hidden = new Set<string>()
  if (!zip.has('content.xml')) return hidden
  const hiddenStyles = new Set<string>()
  const tables: { name: string; style: string }[] = []
  let style: string | null = null
  // The styles come before the body: with no hidden table style among them, no sheet is hidden.
  let done = false
  const decoder = new StringDecoder('utf8')
  let carry = ''
  const scan = (text: string) => {
    // Only whole tags are read; a tag cut by the chunk's end waits for the next one (text between
    // tags is dropped, however long).
    const end = text.lastIndexOf('>') + 1
    const open = text.lastIndexOf('<')
    carry = open >= end && text.length - open <= MAX_TAG ? text.slice(open) : ''
    for (const match of text.slice(0, end).matchAll(TAGS)) {
      const tag = match[1]
      if (done) return
      if (tag === undefined) style = null
      else if (tag === 'office:body') done = hiddenStyles.size === 0
      else if (tag === 'style:style') style = attribute(match[0], 'style:family') === 'table' ? attribute(match[0], 'style:name') : null
      else if (tag === 'style:table-properties') {
        if (style !== null && attribute(match[0], 'table:display') === 'false') hiddenStyles.add(style)
      } else {
        const name = attribute(match[0], 'table:name')
        const tableStyle = attribute(match[0], 'table:style-name')
        if (name !== null && tableStyle !== null) tables.push({ name, style: tableStyle })
      }
    }
  }
  const stream = await zip.stream('content.xml', 'its part content.xml')
  for await (const chunk of stream) {
    scan(carry + decoder.write(chunk as Buffer))
    if (done) {
      stream.destroy()
      return hidden
    }
  }
  scan(carry + decoder.end())
  for (const table of tables) if (hiddenStyles.has(table.style)) hidden.add(table.name)
  return hidden
}
