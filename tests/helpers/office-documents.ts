import { writeZip, zipBytes, type ZipEntry } from './write-zip'

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

/** A paragraph of WordprocessingML; `style` names a paragraph style (Heading1, ListParagraph…). */
export function wordParagraph(text: string, style: string | null, list: boolean): string {
  const properties = style === null && !list ? '' : `<w:pPr>${style ? `<w:pStyle w:val="${style}"/>` : ''}${list ? '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' : ''}</w:pPr>`
  return `<w:p>${properties}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`
}

export function wordTable(rows: string[][]): string {
  const cell = (text: string) => `<w:tc><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`
  return `<w:tbl>${rows.map((row) => `<w:tr>${row.map(cell).join('')}</w:tr>`).join('')}</w:tbl>`
}

/** A minimal .docx written by hand: body XML, heading styles, one bulleted list, core properties. */
export function writeDocx(path: string, body: string, core: { title: string | null; creator: string | null; created: string | null }): string {
  const headings = ['Heading1', 'Heading2'].map((id, i) => `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="heading ${i + 1}"/></w:style>`).join('')
  return writeStyledDocx(path, body, core, headings)
}

/** The same .docx with the paragraph styles given (w:style elements) as its styles.xml. */
export function writeStyledDocx(path: string, body: string, core: { title: string | null; creator: string | null; created: string | null }, styleElements: string): string {
  const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles ${W}>${styleElements}</w:styles>`
  const numbering = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering ${W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
  const coreXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${core.title ? `<dc:title>${core.title}</dc:title>` : ''}${core.creator ? `<dc:creator>${core.creator}</dc:creator>` : ''}${core.created ? `<dcterms:created xsi:type="dcterms:W3CDTF">${core.created}</dcterms:created>` : ''}</cp:coreProperties>`
  return writeZip(path, [
    {
      name: '[Content_Types].xml',
      data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'
    },
    {
      name: '_rels/.rels',
      data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>'
    },
    {
      name: 'word/_rels/document.xml.rels',
      data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>'
    },
    { name: 'word/document.xml', data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>` },
    { name: 'word/styles.xml', data: styles },
    { name: 'word/numbering.xml', data: numbering },
    { name: 'docProps/core.xml', data: coreXml }
  ])
}

/** A minimal .odt written by hand: content.xml with the body given, meta.xml, a manifest, styles.xml's office:styles when given, and any other entries given (pictures). */
export function writeOdt(path: string, body: string, meta: string, manifestExtra: string, styles?: string, entries: readonly ZipEntry[] = []): string {
  const ns =
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"'
  return writeZip(path, [
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' },
    { name: 'META-INF/manifest.xml', data: `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest ${ns}><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">${manifestExtra}</manifest:file-entry></manifest:manifest>` },
    { name: 'meta.xml', data: `<?xml version="1.0" encoding="UTF-8"?><office:document-meta ${ns}><office:meta>${meta}</office:meta></office:document-meta>` },
    { name: 'content.xml', data: `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ns}><office:automatic-styles><text:p>not body text</text:p></office:automatic-styles><office:body><office:text>${body}</office:text></office:body></office:document-content>` },
    ...(styles === undefined ? [] : [{ name: 'styles.xml', data: `<?xml version="1.0" encoding="UTF-8"?><office:document-styles ${ns} xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"><office:styles>${styles}</office:styles></office:document-styles>` }]),
    ...entries
  ])
}

/** A .docx as Word saves one: body, styles.xml's and numbering.xml's contents as given, no title in its properties. */
export function wordPackage(body: string, styles: string, numbering: string): Buffer {
  const relationship = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`
  return zipBytes([
    { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>' },
    { name: '_rels/.rels', data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationship('rId1', 'officeDocument', 'word/document.xml')}</Relationships>` },
    { name: 'word/_rels/document.xml.rels', data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationship('rId1', 'styles', 'styles.xml')}${relationship('rId2', 'numbering', 'numbering.xml')}</Relationships>` },
    { name: 'word/document.xml', data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>` },
    { name: 'word/styles.xml', data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles ${W}>${styles}</w:styles>` },
    { name: 'word/numbering.xml', data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering ${W}>${numbering}</w:numbering>` }
  ])
}

/** A paragraph in a style, with its own numbering properties (w:numPr's contents) when given. */
export function wordNumberedParagraph(text: string, style: string | null, numbering: string | null = null): string {
  const properties = `${style === null ? '' : `<w:pStyle w:val="${style}"/>`}${numbering === null ? '' : `<w:numPr>${numbering}</w:numPr>`}`
  return `<w:p>${properties === '' ? '' : `<w:pPr>${properties}</w:pPr>`}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`
}

/** Word's heading styles: their outline levels and, when `numbered`, the numbering Word ties them to (w:numPr in the style). */
export function wordHeadingStyles(numbered: boolean): string {
  const numPr = (level: number) => (!numbered ? '' : level === 0 ? '<w:numPr><w:numId w:val="1"/></w:numPr>' : `<w:numPr><w:ilvl w:val="${level}"/><w:numId w:val="1"/></w:numPr>`)
  return [
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>',
    ...[1, 2, 3].map((n) => `<w:style w:type="paragraph" w:styleId="Heading${n}"><w:name w:val="heading ${n}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:link w:val="Heading${n}Char"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>${numPr(n - 1)}<w:spacing w:before="240"/><w:outlineLvl w:val="${n - 1}"/></w:pPr><w:rPr><w:sz w:val="32"/></w:rPr></w:style>`),
    '<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="720"/><w:contextualSpacing/></w:pPr></w:style>'
  ].join('')
}

/** A level as Word writes it. */
export function wordLevel(ilvl: number, format: string, text: string, extra = ''): string {
  return `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${format}"/>${extra}<w:lvlText w:val="${text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="${432 + ilvl * 144}" w:hanging="${432 + ilvl * 144}"/></w:pPr></w:lvl>`
}

/**
 * Word's "1 Heading 1 / 1.1 Heading 2 / 1.1.1 Heading 3" multilevel list (abstractNum 0, list 1),
 * its levels tied to the heading styles when `tied`, and a plain numbered list (abstractNum 1, list 2).
 */
export function wordHeadingNumbering(tied: boolean): string {
  const style = (n: number) => (tied ? `<w:pStyle w:val="Heading${n}"/>` : '')
  return [
    `<w:abstractNum w:abstractNumId="0"><w:nsid w:val="1F2E3D4C"/><w:multiLevelType w:val="multilevel"/><w:tmpl w:val="0409001D"/>${wordLevel(0, 'decimal', '%1', style(1))}${wordLevel(1, 'decimal', '%1.%2', style(2))}${wordLevel(2, 'decimal', '%1.%2.%3', style(3))}</w:abstractNum>`,
    `<w:abstractNum w:abstractNumId="1"><w:nsid w:val="5A6B7C8D"/><w:multiLevelType w:val="hybridMultilevel"/>${wordLevel(0, 'decimal', '%1.')}${wordLevel(1, 'lowerLetter', '%2.')}</w:abstractNum>`,
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
  ].join('')
}
