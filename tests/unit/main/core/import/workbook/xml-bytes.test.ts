// A sheet's XML reaches its scanner as the bytes they are, checked as UTF-8 chunk by chunk: a
// character cut by a chunk's end is whole once the next chunk comes, and bytes that are not UTF-8
// are refused wherever they fall.
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { streamXmlBytes } from '../../../../../../src/main/core/import/workbook/xml-elements'

/** Streams `bytes` cut at `cuts` to a reader that keeps them; what it kept, or the refusal. */
async function stream(bytes: Buffer, cuts: number[]): Promise<string> {
  const pieces: Buffer[] = []
  let from = 0
  for (const cut of [...cuts, bytes.length]) {
    pieces.push(bytes.subarray(from, cut))
    from = cut
  }
  const kept: Buffer[] = []
  const reader = { feed: (chunk: Uint8Array) => kept.push(Buffer.from(chunk)), end: () => undefined, enough: () => false }
  try {
    await streamXmlBytes(Readable.from(pieces), reader, new AbortController().signal, 'book.xlsx', 'sheet “S”')
    return Buffer.concat(kept).toString('utf8')
  } catch (error) {
    return (error as Error).message
  }
}

describe('sheet XML streamed as bytes', () => {
  const text = '<t>São Paulo — “€” 😀 ok</t>'
  const bytes = Buffer.from(text, 'utf8')

  it('takes UTF-8 cut anywhere, once or twice', async () => {
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await stream(bytes, [cut])).toBe(text)
      for (let second = cut + 1; second < bytes.length; second++) expect(await stream(bytes, [cut, second])).toBe(text)
    }
  })

  it('refuses bytes that are not UTF-8, wherever the chunks are cut, and a character cut short at the end', async () => {
    const refusal = 'book.xlsx, sheet “S” cannot be read: its text is not valid UTF-8; nothing was imported.'
    const latin1 = Buffer.concat([bytes.subarray(0, 5), Buffer.from([0xe9, 0x20]), bytes.subarray(5)])
    for (let cut = 1; cut < latin1.length; cut++) expect(await stream(latin1, [cut])).toBe(refusal)
    const smiley = bytes.indexOf(Buffer.from('😀', 'utf8'))
    expect(await stream(bytes.subarray(0, smiley + 2), [smiley + 1])).toBe(refusal)
    expect(await stream(bytes.subarray(0, smiley + 3), [])).toBe(refusal)
  })
})
