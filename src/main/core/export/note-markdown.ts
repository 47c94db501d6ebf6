import markdownIt, { type MarkdownIt } from 'markdown-it'
import type { ExportSources } from './export-sources'

export interface NoteRenderEnv {
  sources: ExportSources
}

const ALLOWED_LINK = /^(https?:|mailto:|#)/i

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')
}

/**
 * The Markdown reader for notes, for exports. Raw HTML in a note is shown as text (html: false);
 * links are kept only for http(s), mailto and in-document anchors; images are not fetched (an
 * export must not make a request) and appear as their description. [[cite:ID]] becomes a numbered
 * reference to the Sources list.
 */
export function noteMarkdown(): MarkdownIt {
  const md = markdownIt({ html: false, linkify: false, typographer: false })
  md.validateLink = (url) => ALLOWED_LINK.test(url.trim())
  md.inline.ruler.before('link', 'casefile_cite', (state, silent) => {
    const match = /^\[\[cite:(\d{1,15})\]\]/.exec(state.src.slice(state.pos, state.pos + 30))
    if (!match) return false
    if (!silent) {
      const token = state.push('casefile_cite', '', 0)
      token.meta = { id: Number(match[1]) }
    }
    state.pos += match[0].length
    return true
  })
  md.renderer.rules.casefile_cite = (tokens, index, _options, env) => {
    const number = (env as NoteRenderEnv | undefined)?.sources.numberOf.get((tokens[index]!.meta as { id: number }).id)
    return number === undefined
      ? '<sup class="citation missing" title="This citation no longer exists">?</sup>'
      : `<sup class="citation"><a href="#source-${number}">${number}</a></sup>`
  }
  md.renderer.rules.image = (tokens, index) => `<span class="image-omitted">[image: ${escapeHtml(tokens[index]!.content || 'no description')}]</span>`
  return md
}
