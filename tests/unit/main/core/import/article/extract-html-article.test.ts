import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import { extractHtmlArticle } from '../../../../../../src/main/core/import/article/extract-html-article'
import { ImportInputError } from '../../../../../../src/main/core/import/row-sink'

const FIXTURES = resolve(import.meta.dirname, '../../../../../fixtures/import/article')
const fixture = (name: string): string => readFileSync(`${FIXTURES}/${name}`, 'utf8')
const page = (body: string, head = ''): string => `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`

describe('extractHtmlArticle on a news page', () => {
  const article = extractHtmlArticle(fixture('news-article.html'), 'news-article.html')

  test('reads the metadata publishers put in their markup', () => {
    expect({ ...article, body: undefined }).toEqual({
      title: 'Review of Deportation Backlog Closes Few Cases',
      byline: 'Dana Whitfield',
      publisher: 'Metro Ledger',
      // The date as published (June 7 on the US west coast), not shifted to UTC (June 8).
      publishedAt: '2012-06-07',
      url: 'https://metroledger.example/2012/06/07/backlog-review?ref=canonical',
      body: undefined,
      // The story's one heading is its headline, shown as the title.
      headings: []
    })
  })

  test('keeps exactly the article paragraphs, entities decoded', () => {
    expect(article.body).toBe(
      [
        'Federal officials have now examined 288,361 of the more than 411,000 removal cases that were pending in immigration court when the review began, according to figures released on May 29, 2012.',
        'Only 4,403 of those cases — fewer than 2 percent — have been closed under the new guidelines, which were meant to move low-priority cases off crowded dockets.',
        'Advocates say the numbers show that the review has not changed who is being deported. “The promise was discretion,” one attorney said. “The practice is business as usual.”',
        'The agency said it would publish updated figures each month while the review continues.'
      ].join('\n\n')
    )
  })

  test.each(['Injected', 'tracker', 'evil', 'cookie', 'alert', 'Share', 'Email', 'Related', 'Subscribe', 'Most read', 'Privacy', '©', 'Politics', 'font-family', 'By Dana'])(
    'leaves out %s',
    (hostile) => {
      expect(article.body).not.toContain(hostile)
    }
  )
})

describe('extractHtmlArticle on a page without <article>', () => {
  test('finds the story by its paragraph text, discounting link lists and dropping comments', () => {
    expect(extractHtmlArticle(fixture('no-article.html'), 'no-article.html')).toEqual({
      title: 'Agency releases case review figures',
      byline: 'Luis Ortega',
      publisher: 'Border Monitor',
      publishedAt: '2012-05-30',
      // og:url is a javascript: address, which is not kept.
      url: null,
      body: [
        'The review of pending cases reached 288,361 files by the end of May, the agency said in a statement on Wednesday evening.',
        'Attorneys who represent immigrants said the share of cases closed was far lower than they had expected when the policy was announced\nlast summer.',
        'Posted May 30'
      ].join('\n\n'),
      headings: []
    })
  })
})

describe('extractHtmlArticle rules', () => {
  test('keeps the story’s headings and their levels beside the plain body, a heading’s <br> as a line break', () => {
    const html = page('<article><h1>Backlog review</h1><p>Examined 288,361.</p><h2>Closed <em>cases</em></h2><p>4,403.</p><h3>By office<br>and month</h3><ul><li>Denver</li></ul></article>')
    const article = extractHtmlArticle(html, 'a.html')
    expect(article.body).toBe('Backlog review\n\nExamined 288,361.\n\nClosed cases\n\n4,403.\n\nBy office\nand month\n\n• Denver')
    expect(article.headings.map((heading) => [article.body.slice(heading.start, heading.end), heading.level])).toEqual([
      ['Backlog review', 1],
      ['Closed cases', 2],
      ['By office\nand month', 3]
    ])
  })

  test('without a title tag the first h1 is the title; without either, the file name', () => {
    expect(extractHtmlArticle(page('<h1>Court data</h1><p>Some text.</p>'), 'a.html')).toMatchObject({ title: 'Court data', body: 'Court data\n\nSome text.' })
    expect(extractHtmlArticle(page('<p>Some text.</p>'), 'notes from court.htm').title).toBe('notes from court')
  })

  test('the title loses the site name it ends with, and the headline is not repeated as the first paragraph', () => {
    const html = page('<h1>Court data</h1><p>Body text.</p>', '<title>Court data — Daily Docket</title><meta property="og:site_name" content="Daily Docket">')
    expect(extractHtmlArticle(html, 'a.html')).toMatchObject({ title: 'Court data', publisher: 'Daily Docket', body: 'Body text.' })
  })

  test('a page with no readable text is refused', () => {
    const html = page('<nav><a href="/">Home</a></nav><script>var x = "text"</script><footer>© 2012</footer>', '<title>Empty</title>')
    expect(() => extractHtmlArticle(html, 'empty.html')).toThrow(new ImportInputError('empty.html has no readable text.', null, null))
  })

  test('renders lists, line breaks, preformatted text and tables as plain text', () => {
    const html = page(
      '<article><p>Lines<br>apart</p><ul><li>first</li><li>second</li></ul><ol start="3"><li>third</li><li>fourth</li></ol>' +
        '<pre>  col  a\n  col  b\n</pre><table><tr><th>Office</th><th>Closed</th></tr><tr><td>Denver</td><td>114</td></tr></table>' +
        '<blockquote>Quoted   words</blockquote><h2>Sub  head</h2></article>'
    )
    expect(extractHtmlArticle(html, 'a.html').body).toBe(
      'Lines\napart\n\n• first\n\n• second\n\n3. third\n\n4. fourth\n\n  col  a\n  col  b\n\nOffice | Closed\n\nDenver | 114\n\nQuoted words\n\nSub head'
    )
  })

  test('sets a nested list in by its level, numbers as the list’s type and an item’s value say, and keeps a page’s links as their text', () => {
    const html = page(
      '<article><ol type="I"><li>Scope<ol type="a"><li>who<ul><li>adults</li></ul></li><li value="5">where</li></ol></li><li>Method</li></ol>' +
        '<p>See <a href="https://www.ice.gov/">the agency</a>.</p></article>'
    )
    expect(extractHtmlArticle(html, 'a.html').body.split('\n\n')).toEqual(['I. Scope', '    a. who', '        ▪ adults', '    e. where', 'II. Method', 'See the agency.'])
    // However deep the lists go, an item is set in by nine levels at most: a page of nested lists cannot grow each line without end.
    const deep = page(`<article>${'<ul><li>level'.repeat(5000)}${'</li></ul>'.repeat(5000)}</article>`)
    const lines = extractHtmlArticle(deep, 'deep.html').body.split('\n\n')
    expect(lines).toHaveLength(5000)
    expect(lines.at(-1)).toBe(`${' '.repeat(36)}• level`)
  })

  test('hidden elements and chrome by class or id are dropped, but never the story container', () => {
    const html = page(
      '<div class="sidebar-wrapper">Sidebar</div><article class="story has-sidebar"><p>Kept.</p><p hidden>Hidden.</p>' +
        '<p style="display: none">Invisible.</p><p aria-hidden="true">Aria.</p><div id="ad-slot-1">Ad.</div>' +
        '<div class="newsletter-signup">Sign up.</div><p class="shareholders">Shareholders met.</p></article>'
    )
    expect(extractHtmlArticle(html, 'a.html').body).toBe('Kept.\n\nShareholders met.')
  })

  test('reads schema.org JSON-LD as data when the page has no meta tags', () => {
    const jsonLd = JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [{ '@type': 'WebPage' }, { '@type': 'NewsArticle', headline: 'Linked headline', datePublished: '2012-06-07T08:00:00Z', author: [{ name: 'A. Writer' }, { name: 'B. Writer' }], publisher: { name: 'Linked Press' }, url: 'https://linked.example/story' }]
    })
    const html = page('<p>Body.</p>', `<script type="application/ld+json">${jsonLd}</script>`)
    expect(extractHtmlArticle(html, 'a.html')).toEqual({
      title: 'Linked headline',
      byline: 'A. Writer, B. Writer',
      publisher: 'Linked Press',
      publishedAt: '2012-06-07',
      url: 'https://linked.example/story',
      body: 'Body.',
      headings: []
    })
  })

  test('a byline element is read and kept out of the body; a profile URL is not a byline', () => {
    const html = page('<article><div class="article-byline">By  Ana Ruiz</div><p>Text.</p></article>', '<meta property="article:author" content="https://site.example/ana">')
    expect(extractHtmlArticle(html, 'a.html')).toMatchObject({ byline: 'Ana Ruiz', body: 'Text.' })
  })

  test('only http(s) addresses are kept', () => {
    expect(extractHtmlArticle(page('<p>x</p>', '<link rel="canonical" href="javascript:alert(1)">'), 'a.html').url).toBeNull()
    expect(extractHtmlArticle(page('<p>x</p>', '<link rel="canonical" href="data:text/html,hi">'), 'a.html').url).toBeNull()
    expect(extractHtmlArticle(page('<p>x</p>', '<meta property="og:url" content="http://a.example/b">'), 'a.html').url).toBe('http://a.example/b')
  })

  test('a <time datetime> dates the article when no meta tag does', () => {
    expect(extractHtmlArticle(page('<article><p>x</p><time datetime="2012-05-29T10:00">May 29</time></article>'), 'a.html').publishedAt).toBe('2012-05-29')
  })

  test('search-snippet markers and NUL written as entities never reach the text', () => {
    expect(extractHtmlArticle(page('<p>a&#xE000;b&#xE001;c&#0;d</p>', '<title>T&#xE000;</title>'), 'a.html')).toMatchObject({ title: 'T', body: 'abc\uFFFDd' })
  })

  test('survives hostile nesting without recursion', () => {
    const html = page(`${'<div>'.repeat(50_000)}<p>Deep text.</p>${'</div>'.repeat(50_000)}`)
    expect(extractHtmlArticle(html, 'deep.html').body).toBe('Deep text.')
  })
})
