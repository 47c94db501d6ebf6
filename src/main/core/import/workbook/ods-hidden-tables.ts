import { StringDecoder } from 'node:string_decoder'
import type { ZipPackage } from '../zip/zip-package'
import { attribute } from './xml-text'

/** A start tag longer than this is no style or table tag: it is not carried from chunk to chunk. */
const MAX_TAG = 64 * 1024
const TAGS = /<(style:style|style:table-properties|office:body)(\s[^>]*)?>|<\/style:style>/g

/**
 * The table styles of an OpenDocument spreadsheet that hide a sheet: a sheet is hidden by its table
 * style (`<style:table-properties table:display="false"/>`, as LibreOffice writes it), and the
 * styles come before the body of content.xml, where this scan ends. Which sheets have these styles
 * is seen as the sheets are listed (see OdsWorkbook).
 */
export async function hiddenOdsTableStyles(zip: ZipPackage): Promise<Set<string>> {
  const hidden = new Set<string>()
  if (!zip.has('content.xml')) return hidden
  let style: string | null = null
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
      if (tag === undefined) style = null
      else if (tag === 'office:body') {
        done = true
        return
      } else if (tag === 'style:style') style = attribute(match[0], 'style:family') === 'table' ? attribute(match[0], 'style:name') : null
      else if (style !== null && attribute(match[0], 'table:display') === 'false') hidden.add(style)
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
  return hidden
}
