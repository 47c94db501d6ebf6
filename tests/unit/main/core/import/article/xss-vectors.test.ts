// Classic cross-site-scripting vectors inside an imported web page: the article keeps the page's
// words and none of its markup, so nothing of a vector survives to be run when it is shown.
import { describe, expect, it } from 'vitest'
import { extractHtmlArticle } from '../../../../../../src/main/core/import/article/extract-html-article'

const VECTORS = [
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(2)">',
  '<svg onload=alert(3)><script>alert(4)</script></svg>',
  '<iframe src="javascript:alert(5)"></iframe>',
  '<a href="javascript:alert(6)">click me</a>',
  '<body onload=alert(7)>',
  '<div style="width: expression(alert(8))">styled</div>',
  '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCg5KTwvc2NyaXB0Pg=="></object>',
  '<embed src="javascript:alert(10)">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(11)>',
  '<form action="javascript:alert(12)"><button>go</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(13)">',
  '<base href="javascript:alert(14)//">',
  '<input autofocus onfocus=alert(15)>',
  '<details open ontoggle=alert(16)>details</details>',
  '<video><source onerror="alert(17)"></video>',
  '<noscript><p title="</noscript><img src=x onerror=alert(18)>">',
  '<style>@import "javascript:alert(19)";</style>',
  '"><script>alert(20)</script>',
  '<scr<script>ipt>alert(21)</script>'
]

describe('an imported web page full of script vectors', () => {
  it('keeps the words and drops every piece of markup, script and handler', () => {
    const html = `<!doctype html><html><head><title>Hostile page</title></head><body><article><h1>Hostile page</h1>
      <p>Prosecutors reviewed 288,361 cases by May 29.</p>
      ${VECTORS.map((vector) => `<p>${vector} after</p>`).join('\n')}
      <p>The review continues.</p></article></body></html>`
    const article = extractHtmlArticle(html, 'hostile.html')
    expect(article.body).toContain('Prosecutors reviewed 288,361 cases by May 29.')
    expect(article.body).toContain('The review continues.')
    for (const pattern of [/<\s*script/i, /<\s*(img|svg|iframe|object|embed|form|meta|base|input|details|video|style)\b/i, /\bon(error|load|focus|toggle)\s*=/i, /javascript:/i, /expression\(/i]) {
      expect(article.body, String(pattern)).not.toMatch(pattern)
    }
    expect(article.body).not.toMatch(/alert\((1|2|3|4|5|7|8|9|10|11|13|14|15|16|17|19)\)/)
  })
})
