import Database from 'better-sqlite3'
const db = new Database(process.argv[2], { readonly: true })
db.pragma('cache_size = -65536')
const terms = ['immigration', 'court', 'the', 'cre*', 'the*', '"case backlog"', 'asylum', 'judge', 'of', 'Denver']
const t = (f) => { const s = performance.now(); const r = f(); return [performance.now() - s, r] }
const count = db.prepare('SELECT rowid / 4294967296 AS d, count(*) FROM dataset_rows_fts WHERE dataset_rows_fts MATCH ? GROUP BY 1').raw()
const ranked = db.prepare(`SELECT rowid FROM dataset_rows_fts WHERE dataset_rows_fts MATCH ? ORDER BY bm25(dataset_rows_fts)*0.5, rowid LIMIT 20`).pluck()
const bare = db.prepare(`SELECT rowid FROM dataset_rows_fts WHERE dataset_rows_fts MATCH ? ORDER BY rank LIMIT 20`).pluck()
const cnt = db.prepare('SELECT count(*) FROM dataset_rows_fts WHERE dataset_rows_fts MATCH ?').pluck()
for (let round = 0; round < 2; round++) for (const term of terms) {
  const m = JSON.stringify(term.replace(/\*$/, '')) + (term.endsWith('*') ? '*' : '')
  const q = term.startsWith('"') ? term : m
  const [a, r] = t(() => count.all(q))
  const [b] = t(() => ranked.all(q))
  const [c] = t(() => bare.all(q))
  const [d, n] = t(() => cnt.get(q))
  if (round === 1) console.log(term.padEnd(16), String(n).padStart(8), 'groupcount', a.toFixed(1), 'ranked', b.toFixed(1), 'bare', c.toFixed(1), 'count', d.toFixed(1))
}
