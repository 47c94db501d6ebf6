/** What mammoth says of a part of a document it did not read (its other messages lose no text). */
const IGNORED_ELEMENT = /^An unrecognised element was ignored: (\S+)$/
const IGNORED_SYMBOL = /^A w:sym element with an unsupported character was ignored/

/** Elements mammoth does not read, by what a reader would call them; names as mammoth gives them ("m:oMath", or "{namespace}oMath"). */
const KINDS: { elements: RegExp; what: string }[] = [
  { elements: /(^m:|})oMath(Para)?$/, what: 'equations were left out (Casefile reads the text of a Word document, not its equations)' },
  { elements: /^w:(object|control|embed\w*)$/, what: 'embedded objects were left out (they are other files held inside the document)' }
]

/**
 * The import's warnings for what mammoth left out of a Word document, in plain words and one line
 * per kind: equations, embedded objects, symbols in symbol fonts, and other parts it does not read
 * (named, so they can be looked for in Word). mammoth says each thing once however often it meets
 * it, so no count is given. Its notices about styles, images and layout, which lose no text, are
 * not repeated.
 */
export function wordWarnings(messages: readonly { message: string }[], fileName: string): string[] {
  const elements = new Set<string>()
  let symbols = false
  for (const { message } of messages) {
    const element = IGNORED_ELEMENT.exec(message)?.[1]
    if (element !== undefined) elements.add(element)
    else if (IGNORED_SYMBOL.test(message)) symbols = true
  }
  const warnings: string[] = []
  for (const kind of KINDS) {
    const found = [...elements].filter((element) => kind.elements.test(element))
    if (found.length === 0) continue
    for (const element of found) elements.delete(element)
    warnings.push(`${fileName}: ${kind.what}.`)
  }
  if (symbols) warnings.push(`${fileName}: symbols in a symbol font (such as Wingdings) that have no Unicode equivalent were left out.`)
  if (elements.size > 0) warnings.push(`${fileName}: parts of the document Casefile does not read were left out (${[...elements].join(', ')}).`)
  return warnings
}
