import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SNIPPET_MARK_END, SNIPPET_MARK_START } from '../../../../../../src/shared/model'
import { searchRequest } from '../../../../../../src/shared/search-request'
import { extractDocumentArticle, type DocumentFormat } from '../../../../../../src/main/core/import/document/extract-document-article'
import { quoteInNote } from '../../../../../../src/main/core/citations/quote-in-note'
import { getArticle } from '../../../../../../src/main/core/articles/article-queries'
import { articleMatches } from '../../../../../../src/main/core/search/article-matches'
import { searchArchive } from '../../../../../../src/main/core/search/search-archive'
import { importTestArchive } from '../../../../../helpers/import-test-archive'

// One memo written by LibreOffice 7.4 as .docx and as .odt from review-memo.fodt (see the fixtures' README).
const FIXTURES = resolve(import.meta.dirname, '../../../../../fixtures/import/document')
const FORMATS: DocumentFormat[] = ['docx', 'odt']

function memo(format: DocumentFormat): Promise<{ body: string }> {
  return extractDocumentArticle(readFileSync(`${FIXTURES}/review-memo.${format}`), `review-memo.${format}`, format)
}

describe('documents written by LibreOffice', () => {
  it('marks a note with a superscript number where it is cited, and puts its text, so marked, after the body', async () => {
    for (const format of FORMATS) {
      const { body } = await memo(format)
      expect(body, format).toContain('the exercise of prosecutorial discretion¹ to ensure that resources')
      expect(body, format).toContain('removals² rose.')
      expect(body.split('\n\n'), format).toContain('¹ See the June 2011 memo on victims and witnesses.')
      expect(body, format).toContain('removals² rose.\n\n¹ See the June 2011 memo on victims and witnesses.\n\n² Fiscal year 2011 figures.')
    }
  })

  it('keeps the running headers and footers, once each, and the comments, marked as such after the notes', async () => {
    for (const format of FORMATS) {
      const { body } = await memo(format)
      expect(body.split('\n\n').slice(-5), format).toEqual([
        '² Fiscal year 2011 figures.',
        'Header: FOR OFFICIAL USE ONLY',
        'Footer: Bates ICE-2012-000042',
        'Footer: Draft of 19 January 2012',
        'Comment by Reviewer Two: Check this figure against the docket.'
      ])
    }
  })

  it('keeps a list’s numbering and nesting, and a link’s address where its text does not give it', async () => {
    for (const format of FORMATS) {
      const { body } = await memo(format)
      // The inner list is numbered a., b. in both, as Word and LibreOffice show it (numbering.xml's lowerLetter in the .docx).
      const letter = (n: number) => 'ab'[n - 1]
      const from = body.indexOf('Factors to consider')
      expect(body.slice(from, body.indexOf('removals²')).split('\n\n'), format).toEqual([
        'Factors to consider',
        '1. the agency\'s civil immigration enforcement priorities:',
        `    ${letter(1)}. criminal history;`,
        `    ${letter(2)}. prior removal orders;`,
        '2. the person\'s length of presence in the United States.',
        'Positive factors',
        '• veterans and members of the armed forces;',
        '    ◦ including reservists;',
        '• long-time lawful permanent residents.',
        'More at the ICE library <https://www.ice.gov/doclib/prosecutorial-discretion-memo.pdf> and at https://www.ice.gov/; '
      ])
    }
  })

  it('keeps the text of a text box, as a paragraph of its own after the one it is anchored in', async () => {
    for (const format of FORMATS) {
      const paragraphs = (await memo(format)).body.split('\n\n')
      expect(paragraphs.slice(0, 3), format).toEqual(['MEMORANDUM FOR: All Field Office Directors', 'U.S. Department of Homeland Security', 'Purpose'])
    }
  })

  it('finds a phrase across a note mark, the note’s own words, and a quote of the passage taken into a note', async () => {
    const archive = await importTestArchive()
    const ids = new Map<DocumentFormat, number>()
    for (const format of FORMATS) ids.set(format, (await archive.run(`${FIXTURES}/review-memo.${format}`, {}, () => undefined)).id!)
    const found = (query: string) => searchArchive(archive.db, searchRequest(query, {})).hits.map((hit) => `${hit.kind} ${hit.id}`).sort()
    const both = [...ids.values()].map((id) => `article ${id}`).sort()
    expect(found('"discretion to ensure"')).toEqual(both)
    expect(found('"victims and witnesses"')).toEqual(both)
    expect(found('"ICE-2012-000042"')).toEqual(both)
    expect(found('docket')).toEqual(both)
    const odt = ids.get('odt')!
    const body = String(archive.db.prepare('SELECT body FROM articles WHERE id = ?').pluck().get(odt))
    const start = body.indexOf('discretion¹')
    const quoted = quoteInNote(archive.db, { kind: 'new', title: 'Quoted' }, odt, start, start + 'discretion¹ to ensure'.length)
    expect(quoted.citation.quote).toBe('discretion¹ to ensure')
    expect(found('"discretion to ensure"')).toEqual([...both, `note ${quoted.note.id}`].sort())
    // The reader marks the word before a mark, with the exact switch too (matched word by word).
    expect(articleMatches(archive.db, odt, 'discretion', true)!.body).toContain(`${SNIPPET_MARK_START}discretion${SNIPPET_MARK_END}¹ to ensure`)
  })

  it('keeps each heading’s level beside the body, the body still plain words that a quote is a slice of', async () => {
    const archive = await importTestArchive()
    for (const format of FORMATS) {
      const id = (await archive.run(`${FIXTURES}/review-memo.${format}`, {}, () => undefined)).id!
      const article = getArticle(archive.db, id)!
      expect(article.headings.map((heading) => [article.body.slice(heading.start, heading.end), heading.level]), format).toEqual([
        ['Purpose', 1],
        ['Factors to consider', 2],
        ['Positive factors', 2]
      ])
      // A heading is a paragraph of its own in the body, with no mark of its level in the words.
      expect(article.body, format).toContain('\n\nFactors to consider\n\n1. the agency')
      const start = article.body.indexOf('Positive factors')
      const quoted = quoteInNote(archive.db, { kind: 'new', title: `Heading ${format}` }, id, start, start + 'Positive factors\n\n• veterans'.length)
      expect(quoted.citation.quote, format).toBe('Positive factors\n\n• veterans')
    }
    const hits = searchArchive(archive.db, searchRequest('"factors to consider"', {})).hits.filter((hit) => hit.kind === 'article')
    expect(hits).toHaveLength(2)
  })

  it('numbers nested lists as they are shown: i., A., I., a. from the .docx’s numbering.xml as from the .odt’s list styles', async () => {
    for (const format of FORMATS) {
      const { body } = await extractDocumentArticle(readFileSync(`${FIXTURES}/nested-lists.${format}`), `nested-lists.${format}`, format)
      expect(body.split('\n\n'), format).toEqual([
        'Grounds the motion may rest on.',
        '1. Relief pending:',
        '    i. asylum;',
        '    ii. withholding of removal:',
        '        A. under the statute;',
        '        B. under the Convention.',
        '    iii. cancellation of removal.',
        '2. Hardship to a citizen child.',
        'Parts of the record.',
        'I. Notice to appear',
        '    ◦ as served',
        '        a. first page;',
        '        b. second page.',
        'II. Hearing transcript'
      ])
    }
  })

  it('numbers lists from where they start and with the marks around their numbers: 5., a), (1), (iii)', async () => {
    for (const format of FORMATS) {
      const { body } = await extractDocumentArticle(readFileSync(`${FIXTURES}/list-formats.${format}`), `list-formats.${format}`, format)
      expect(body.split('\n\n'), format).toEqual([
        'Conditions 1 to 4 are in the order.',
        '5. Reporting:',
        '    a) in person;',
        '        (1) each month;',
        '        (2) at the field office.',
        '    b) by telephone.',
        '6. Travel within the state.',
        'Grounds, continued.',
        '(iii) ties to the community;',
        '(iv) no record.'
      ])
    }
  })
})
