import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseArticleText } from '../../../../../src/main/core/import/parse-article-text'
import { SAMPLE_DIR } from '../../../../helpers/temp-archive'

describe('parseArticleText', () => {
  it('reads title, byline and date from a news article as received', () => {
    const name = '00_colorlines_record_deportations_despite_review_2012-06-07.txt'
    const parsed = parseArticleText(readFileSync(join(SAMPLE_DIR, name), 'utf8'), name)
    expect(parsed.title).toBe('Record Number of Deportations Continue Despite U.S. Review of Backlog')
    expect(parsed.byline).toBe('Jorge Rivas')
    expect(parsed.publishedAt).toBe('2012-06-07')
    expect(parsed.body.startsWith('Record Number of Deportations Continue Despite U.S. Review of Backlog\n\nFewer than 2% of all pending deportation cases')).toBe(true)
    expect(parsed.body).toContain('immigration prosecutors had examined 288,361 cases')
  })

  it('reads the header block of a government text and keeps its provenance in the body', () => {
    const name = '04_ice_removal_statistics_fy2011.txt'
    const parsed = parseArticleText(readFileSync(join(SAMPLE_DIR, name), 'utf8'), name)
    expect(parsed.title).toBe('Removal Statistics (FY 2011)')
    expect(parsed.byline).toContain('U.S. Immigration and Customs Enforcement')
    expect(parsed.url).toBe('https://cybercemetery.unt.edu/archive/oilspill/20120915115110/http://www.ice.gov/removal-statistics/')
    expect(parsed.body).toMatch(/^AUTHOR\/AGENCY:/)
    expect(parsed.body).toContain('COMPLETENESS: PARTIAL')
    expect(parsed.body).not.toContain('-----')
    expect(parsed.body).toContain('In FY 2011, ICE removed 396,906 individuals.')
  })

  it('uses a markdown heading as the title, keeping it in the text, and the file name when there is no text', () => {
    expect(parseArticleText('# Field notes\n\nBody here.', 'notes.md')).toMatchObject({ title: 'Field notes', body: '# Field notes\n\nBody here.' })
    expect(parseArticleText('\nRemovals rose in 2012.\nBy the agency', 'memo.txt')).toMatchObject({ title: 'Removals rose in 2012.', body: 'Removals rose in 2012.\nBy the agency' })
    expect(parseArticleText('\n\n', 'blank.txt').title).toBe('blank')
  })
})
