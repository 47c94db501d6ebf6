/**
 * A part's XML is damaged, or too large in one piece to be real: the message says how, as words
 * that follow the part's name ("ends mid-way through its XML"), and the reader of the part makes
 * the one-line refusal of it (see streamXmlText).
 */
export class DamagedXml extends Error {}

/**
 * The most XML one element may take while it is read in pieces: a cell (<c>) of a sheet, or a
 * shared string (<si>). Excel holds up to 32,767 characters in a cell; written as rich text with a
 * formatting run for every character that is about 4 MB of XML, a quarter of this. Anything longer
 * is damaged or built to exhaust memory, and is refused as soon as this much of it has arrived.
 */
export const MAX_ELEMENT_CHARS = 16 * 1024 * 1024

export function elementTooLong(what: string): DamagedXml {
  return new DamagedXml(`has ${what} longer than ${MAX_ELEMENT_CHARS / 1048576} MB of XML, far past what a spreadsheet holds (it is damaged or built to exhaust memory)`)
}
