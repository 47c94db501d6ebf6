import mammoth from 'mammoth'
import type { ArticleFields } from '../parse-article-text'
import { parseHtmlTree, descendants, textOf, type HtmlElement } from '../article/html-tree'
import { normaliseDate } from '../article/normalise-date'
import { removeReservedCharacters } from '../article/remove-reserved-characters'
import { articleBody } from '../article/article-body'
import { renderHtmlText } from '../article/render-html-text'
import { ImportInputError } from '../row-sink'
import { openOfficePackage } from '../zip/open-office-package'
import { storedZip } from '../zip/stored-zip'
import type { ZipPackage } from '../zip/zip-package'
import { wordWarnings } from './word-warnings'
import { dropHiddenWordRuns, hiddenWordStyles } from './drop-hidden-word-runs'
import { flattenInnerParagraphs } from './flatten-inner-paragraphs'
import { flattenInnerTables } from './flatten-inner-tables'
import { insertHtmlAltChunks, markHtmlAltChunks } from './word-alt-chunks'
import { markWordDeletions, takeTrackedDeletions, trackedChangesWarning, TRACKED_DELETIONS, withoutDeletionMarks } from './tracked-deletions'
import { markWordNotes } from './mark-word-notes'
import { wordNoteNumbering, type WordNoteNumbering } from './word-note-numbering'
import { checkBoxesAsText, showCheckBoxStates } from './word-check-boxes'
import { applyNumberFormats, markNumberFormats, tieLevelsToFormats } from './word-list-formats'
import { showLinkTargets } from './show-link-targets'
import { marginParagraphs, type MarginText } from './margin-text'
import { wordMarginText } from './word-margin-text'
import { odfTextTree, UnreadableOdfText } from './odf-text-tree'
import { odfMarginText, ODT_MARGINS, usedPageStyles } from './odf-margin-text'
import { readPackageProperties } from './read-package-properties'
import { outlineHeadingParagraphs, outlineHeadingStyles } from './word-outline-headings'
import { spreadMergedCells } from './spread-merged-cells'
import { numberWordHeadings } from './word-heading-numbers'
import { applyHeadingNumbers, headingTextWithoutNumber } from './heading-number'
import { writtenAuthor, writtenTitle } from '../placeholder-properties'

export type DocumentFormat = 'docx' | 'odt'

const HEADING = /^h[1-6]$/
/** The class mammoth gives a paragraph in Word's Title style (see wordHtml's style map). */
const TITLE_CLASS = 'casefile-title'
/** The elements a document's first paragraph may be: a paragraph, a heading, a list item, a table cell. */
const BLOCK = /^(p|h[1-6]|li|td|th)$/
/** Where an OpenDocument text's body is, in content.xml. */
const ODT_BODY: ReadonlySet<string> = new Set(['office:text'])
/**
 * The most XML a .docx may hold for mammoth, which reads it whole into a tree: measured here, 15 MB
 * of document.xml took 972 MB of memory and 10 s, 60 MB took 2.9 GB and a minute. 16 MB is a
 * document of some two thousand pages.
 */
const MAX_WORD_XML = 16 * 1024 * 1024
const XML_PART = /\.(xml|rels)$/i
/** Where a .docx keeps how its lists are numbered. */
const NUMBERING = 'word/numbering.xml'
const STYLES = 'word/styles.xml'
const DOCUMENT = 'word/document.xml'
const SETTINGS = 'word/settings.xml'
/** A picture in a Word body: DrawingML's (a:blip) or VML's (v:imagedata). */
const PICTURE_IN_WORD = /<(?:\w+:)?(?:blip|imagedata)\b/
/** A picture file a package holds: Word's word/media, OpenDocument's Pictures. */
const WORD_PICTURE = /^word\/media\/[^/]+\.(png|jpe?g|gif|bmp|tiff?|emf|wmf)$/i
const ODT_PICTURE = /^Pictures\/[^/]+\.(png|jpe?g|gif|bmp|tiff?|svm|emf|wmf)$/i
/** A simple field's start and end tags (its result, the runs between them, is kept); quoted attribute values may hold ">". */
const SIMPLE_FIELD = /<\/?(?:[A-Za-z_][\w.-]*:)?fldSimple\b(?:[^>"']|"[^"]*"|'[^']*')*>/g

export interface DocumentArticle extends ArticleFields {
  /** What could not be read and was left out, in plain words. */
  warnings: string[]
}

interface DocumentProperties {
  title: string | null
  author: string | null
  created: string | null
}

/**
 * Reads a Word (.docx) or OpenDocument (.odt) text into an article: headings, paragraphs and list
 * items as paragraphs, each table row as one line of cells, and title, author and date from the
 * document's properties, from the file's bytes as read. Only the text is read: no macros, no linked
 * files, no images.
 */
export async function extractDocumentArticle(bytes: Buffer, fileName: string, format: DocumentFormat): Promise<DocumentArticle> {
  const kind = format === 'docx' ? { what: 'a Word document (.docx)', program: 'Word or LibreOffice', extension: '.docx' } : { what: 'an OpenDocument text (.odt)', program: 'LibreOffice', extension: '.odt' }
  const what = kind.what
  const { zip, extension } = await openOfficePackage(bytes, fileName, kind)
  // A Word document named .odt, or an OpenDocument text named .docx, is read as what it is.
  const readAs: DocumentFormat = extension === '.docx' ? 'docx' : extension === '.odt' ? 'odt' : format
  let root: HtmlElement
  let properties: DocumentProperties
  let warnings: string[] = []
  let hiddenPassages = 0
  let margins: MarginText[] = []
  /** Passages deleted under change tracking, by the index their marks give; and how many insertions. */
  let deleted: string[] = []
  let insertions = 0
  /** Whether the body shows a picture (a scanned page, when there is no text) held in the package. */
  let pictures = false
  try {
    if (readAs === 'docx') {
      if (!zip.has('word/document.xml')) throw new ImportInputError(`${fileName} is not ${what}: it has no document body (word/document.xml); nothing was imported.`, null, null)
      zip.refuseXmlPast(MAX_WORD_XML, 'Split it into smaller documents and import those.')
      properties = readProperties(await zip.text('docProps/core.xml'), 'dc:creator', 'dcterms:created', 'dcterms:modified')
      const text = await wordText(zip)
      const word = await wordHtml(text.buffer, fileName)
      root = parseHtmlTree(word.html)
      insertHtmlAltChunks(root, text.chunks)
      applyNumberFormats(root)
      checkBoxesAsText(root)
      applyHeadingNumbers(root)
      markWordNotes(root, text.notes)
      warnings = wordWarnings(word.messages, fileName)
      hiddenPassages = text.hiddenPassages
      margins = wordMarginText(text.parts)
      deleted = text.deleted
      insertions = text.insertions
      pictures = PICTURE_IN_WORD.test(text.parts.get(DOCUMENT)?.toString('utf8') ?? '') && zip.names().some((name) => WORD_PICTURE.test(name))
    } else {
      const manifest = (await zip.text('META-INF/manifest.xml')) ?? ''
      if (manifest.includes('manifest:encryption-data')) throw new ImportInputError(`${fileName} is password-protected; open it, save a copy without a password and import that.`, null, null)
      const content = await zip.text('content.xml')
      if (content === null) throw new ImportInputError(`${fileName} is not ${what}: it has no content.xml; nothing was imported.`, null, null)
      properties = readProperties(await zip.text('meta.xml'), 'meta:initial-creator', 'meta:creation-date', 'dc:date')
      const styles = (await zip.text('styles.xml')) ?? ''
      const tree = odtTree(content, styles, ODT_BODY, fileName)
      const pageStyles = odtTree(styles, styles, ODT_MARGINS, fileName)
      root = tree.root
      deleted = tree.deleted
      insertions = tree.insertions
      pictures = content.includes('<draw:image') && zip.names().some((name) => ODT_PICTURE.test(name))
      const copiesLeftOut = tree.copiesLeftOut + pageStyles.copiesLeftOut
      if (copiesLeftOut > 0) {
        warnings.push(`${fileName}: a table repeats cells or rows more often than Casefile copies them; ${copiesLeftOut.toLocaleString('en-US')} repeated cells or rows were left out.`)
      }
      hiddenPassages = tree.hiddenPassages + pageStyles.hiddenPassages
      margins = odfMarginText(pageStyles.root, usedPageStyles(content, styles), [...tree.comments, ...pageStyles.comments])
    }
  } finally {
    zip.close()
  }
  flattenInnerTables(root)
  spreadMergedCells(root)
  flattenInnerParagraphs(root)
  showLinkTargets(root)
  const firstHeading = [...descendants(root)].find((element) => HEADING.test(element.tag))
  const titled = readAs === 'docx' ? titleParagraph(root) : null
  // mammoth's HTML is spaced as HTML is; the OpenDocument reader has applied the format's own rule.
  // Deleted passages are taken out of the text where they stood and listed after it (see tracked-deletions).
  const text = takeTrackedDeletions(renderHtmlText(root, isNoteBackLink, readAs === 'docx' ? 'collapse' : 'as-written'), deleted)
  const marginText = takeTrackedDeletions(marginParagraphs(margins).map((text) => ({ text, heading: null })), deleted)
  const paragraphs = text.paragraphs
  const margin = marginText.paragraphs.map((paragraph) => paragraph.text)
  const deletedPassages = [...text.passages, ...marginText.passages]
  if ([...paragraphs.map((paragraph) => paragraph.text), ...margin].join('').trim() === '') {
    const hidden = hiddenPassages === 0 ? '' : `: all of its text is hidden (${passagesOfHiddenText(hiddenPassages)}), and Casefile imports only the text a reader is shown; nothing was imported`
    // A scanned page sent as a document (as records offices often do): say what it holds and how it can be read.
    if (hidden === '' && pictures) {
      throw new ImportInputError(`${fileName} has no text to import: it holds only pictures (a scanned page, say), and Casefile does not read the text in pictures inside ${readAs === 'docx' ? 'a Word document' : 'an OpenDocument text'}; nothing was imported. Save or print it as PDF and import that: the pages of a PDF that are pictures are read by OCR.`, null, null)
    }
    throw new ImportInputError(`${fileName} has no text to import${hidden}.`, null, null)
  }
  const changes = trackedChangesWarning(fileName, deletedPassages.length, insertions)
  if (changes !== null) warnings.push(changes)
  if (hiddenPassages > 0) warnings.push(`${fileName}: ${passagesOfHiddenText(hiddenPassages)} ${hiddenPassages === 1 ? 'was' : 'were'} left out (text the document hides when it is shown or printed).`)
  // A heading's outline number ("2.1") is in the text and the heading, but not in a title taken from it:
  // the number places a section in the document, and the title names the document.
  // A document's first paragraph in Word's Title style is its title, as the author set it out.
  const title = withoutDeletionMarks(properties.title ?? titled ?? (firstHeading ? headingTextWithoutNumber(firstHeading) : null) ?? (paragraphs[0]?.text ?? margin[0]!).slice(0, 200))
  // A title from the properties often opens the text too, and is shown once, as the title; a title
  // taken from the text stays in it, or the text would lose its opening paragraph.
  if (properties.title !== null && paragraphs[0]?.text.replace(/\s+/g, ' ').trim() === title) paragraphs.shift()
  // The deleted passages come last, under a heading of their own: the text above reads as the
  // document does, and a search for a deleted word still finds the document.
  const deletions = deletedPassages.length === 0 ? [] : [{ text: TRACKED_DELETIONS, heading: 2 }, ...deletedPassages.map((text) => ({ text, heading: null }))]
  const { body, headings } = articleBody([...paragraphs, ...margin.map((text) => ({ text, heading: null })), ...deletions])
  return {
    title: removeReservedCharacters(title) || fileName.replace(/\.[^.]+$/, ''),
    byline: properties.author,
    publisher: null,
    publishedAt: properties.created,
    url: null,
    body,
    headings,
    warnings
  }
}

/**
 * The text of the document's first paragraph with text when it is in Word's Title style (mammoth
 * gives it TITLE_CLASS), at most 200 characters; null otherwise.
 */
function titleParagraph(root: HtmlElement): string | null {
  for (const element of descendants(root)) {
    if (!BLOCK.test(element.tag)) continue
    const text = textOf(element).replace(/\s+/g, ' ').trim()
    if (text === '') continue
    return (element.attrs.class ?? '').split(/\s+/).includes(TITLE_CLASS) ? text.slice(0, 200) : null
  }
  return null
}

/**
 * mammoth ends each footnote and endnote with a link back to its citation, an arrow ("↑") that
 * would stand in the text as a character of its own.
 */
function isNoteBackLink(element: HtmlElement): boolean {
  return element.tag === 'a' && /^#(foot|end)note-ref-/.test(element.attrs.href ?? '')
}

/**
 * Hidden text is what the document's author chose not to show or print (a redaction done by
 * hiding, drafting notes): it is not the document's text, and the user is told it was there.
 */
function passagesOfHiddenText(passages: number): string {
  return passages === 1 ? '1 passage of hidden text' : `${passages.toLocaleString('en-US')} passages of hidden text`
}

/**
 * The package mammoth reads: the document's XML parts (each checked as it is inflated), with each simple field
 * (w:fldSimple: a date, a page or cross-reference, a hyperlink) replaced by the result Word shows,
 * which mammoth would drop with the field, and hidden text taken out, which mammoth would show.
 * Pictures and other binary parts are left out: only the text is read.
 */
async function wordText(zip: ZipPackage): Promise<{ buffer: Buffer; parts: ReadonlyMap<string, Buffer>; hiddenPassages: number; notes: WordNoteNumbering; deleted: string[]; insertions: number; chunks: string[] }> {
  const parts = new Map<string, Buffer>()
  const styles = (await zip.text(STYLES)) ?? ''
  const numbering = (await zip.text(NUMBERING)) ?? ''
  const hiddenStyles = hiddenWordStyles(styles)
  // How notes are numbered is read from the document as written (see word-note-numbering).
  const notes = wordNoteNumbering((await zip.text(DOCUMENT)) ?? '', (await zip.text(SETTINGS)) ?? '')
  let hiddenPassages = 0
  const deleted: string[] = []
  let insertions = 0
  let chunks: string[] = []
  for (const name of zip.names()) {
    if (!XML_PART.test(name)) continue
    const data = await zip.bytes(name)
    if (name === NUMBERING) {
      parts.set(name, Buffer.from(tieLevelsToFormats(data.toString('utf8')), 'utf8'))
      continue
    }
    // A paragraph with an outline level is a heading, whatever its style is called (see word-outline-headings).
    if (name === STYLES) {
      parts.set(name, Buffer.from(outlineHeadingStyles(data.toString('utf8')), 'utf8'))
      continue
    }
    // Headings numbered by a list get their numbers before their styles are renamed (see word-heading-numbers).
    let written = name === DOCUMENT ? outlineHeadingParagraphs(numberWordHeadings(data.toString('utf8'), styles, numbering)) : name.startsWith('word/') ? data.toString('utf8') : ''
    // HTML parts Word reads into the body (w:altChunk) are read where they stand (see word-alt-chunks).
    if (name === DOCUMENT) ({ xml: written, chunks } = await markHtmlAltChunks(written, zip))
    // Deleted passages become marks where they stood, read out after mammoth (see tracked-deletions).
    const changes = markWordDeletions(written, deleted)
    insertions += changes.insertions
    const read = changes.xml
    // A check box shows its state's glyph, which mammoth would drop (see word-check-boxes).
    const xml = showCheckBoxStates(read)
    // "anish" is in both w:vanish and w:specVanish.
    if (!xml.includes('fldSimple') && !xml.includes('anish') && (hiddenStyles.size === 0 || xml === '')) {
      parts.set(name, name === DOCUMENT || xml !== written ? Buffer.from(xml, 'utf8') : data)
      continue
    }
    const visible = dropHiddenWordRuns(xml.replace(SIMPLE_FIELD, ''), hiddenStyles)
    hiddenPassages += visible.passages
    parts.set(name, Buffer.from(visible.xml, 'utf8'))
  }
  return { buffer: storedZip(parts), parts, hiddenPassages, notes, deleted, insertions, chunks }
}

async function wordHtml(buffer: Buffer, fileName: string): Promise<{ html: string; messages: { message: string }[] }> {
  try {
    const result = await mammoth.convertToHtml(
      { buffer },
      {
        // Linked files are never read, and images are not copied out (the article keeps text only).
        externalFileAccess: false,
        // A nested list is numbered as Word shows it (a., b.; i., ii.), not 1., 2. (see word-list-formats).
        transformDocument: markNumberFormats,
        // Word's Title style marks a paragraph the document's title (see titleParagraph); it stays a paragraph.
        styleMap: [`p[style-name='Title'] => p.${TITLE_CLASS}:fresh`],
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' }))
      }
    )
    return { html: result.value, messages: result.messages }
  } catch {
    // The zip and its parts were checked before; what mammoth cannot read is XML that Word does not
    // write (a DOCTYPE with entities, elements where text belongs), and its own words ("[xmldom
    // error] entity not found", "Not implemented") would not tell the user what to do.
    throw new ImportInputError(`${fileName} is damaged or not a real Word document (its text cannot be read); nothing was imported. Open it in Word, save it as .docx again and import that.`, null, null)
  }
}

function odtTree(xml: string, styles: string, regions: ReadonlySet<string>, fileName: string): ReturnType<typeof odfTextTree> {
  try {
    return odfTextTree(xml, styles, regions)
  } catch (error) {
    if (!(error instanceof UnreadableOdfText)) throw error
    throw new ImportInputError(`${fileName} is damaged or not a real OpenDocument text (its text cannot be read); nothing was imported. Open it in LibreOffice, save it as .odt again and import that.`, null, null)
  }
}

/**
 * Title, author and date from a package's properties; the date is when the document was created,
 * or else when it was last saved (`modifiedTag`), by the same rule for Word and OpenDocument.
 */
function readProperties(xml: string | null, authorTag: string, createdTag: string, modifiedTag: string): DocumentProperties {
  if (xml === null) return { title: null, author: null, created: null }
  const found = readPackageProperties(xml, ['dc:title', 'dc:creator', authorTag, createdTag, modifiedTag])
  const title = found.get('dc:title') ?? null
  const clean = (value: string | undefined): string | null => (value === undefined ? null : removeReservedCharacters(value) || null)
  return {
    title: writtenTitle(clean(title ?? undefined)),
    author: writtenAuthor(clean(found.get(authorTag) ?? found.get('dc:creator'))),
    created: normaliseDate(found.get(createdTag) ?? found.get(modifiedTag) ?? '')
  }
}
