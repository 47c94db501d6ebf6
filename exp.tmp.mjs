import Database from 'better-sqlite3'
const db = new Database(process.argv[2], { readonly: true })
db.pragma('cache_size = -65536')
const terms = ['immigration', 'court', 'the', 'cre*', 'the*', '"case backlog"', 'asylum', 'judge', 'of']
const w = '10.0, 3.0, 3.0, 1.0'
const t = (f) => { const s = performance.now(); const r = f(); return [performance.now() - s, r] }
const ids = db.prepare('SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?').pluck()
const ranked = db.prepare(`SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, ${w}), rowid LIMIT 20`).pluck()
const both = db.prepare(`SELECT rowid, bm25(articles_fts, ${w}) FROM articles_fts WHERE articles_fts MATCH ?`).raw()
const rankOnly = db.prepare(`SELECT bm25(articles_fts, ${w}) FROM articles_fts WHERE articles_fts MATCH ?`).pluck()
for (let round = 0; round < 2; round++) for (const term of terms) {
  const m = JSON.stringify(term.replace(/\*$/, '')) + (term.endsWith('*') ? '*' : '')
  const q = term.startsWith('"') ? term : m
  const [a, n] = t(() => ids.all(q).length)
  const [b] = t(() => ranked.all(q))
  const [c] = t(() => both.all(q).length)
  const [d] = t(() => rankOnly.all(q).length)
  if (round === 1) console.log(term.padEnd(16), String(n).padStart(7), 'ids', a.toFixed(1), 'ranked', b.toFixed(1), 'ids+rank', c.toFixed(1), 'rankonly', d.toFixed(1))
}
