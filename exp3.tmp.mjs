import Database from 'better-sqlite3'
const db = new Database(process.argv[2])
db.pragma('cache_size = -65536')
const t = (f) => { const s = performance.now(); f(); return (performance.now() - s).toFixed(0) }
const table = db.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name LIKE 'ds\\_%' ESCAPE '\\' AND name NOT LIKE '%spell%'").pluck().all().at(-1)
for (const idx of db.prepare("SELECT name FROM sqlite_master WHERE type='index' AND tbl_name=? AND name LIKE '%_sort_%'").pluck().all(table)) db.exec(`DROP INDEX ${idx}`)
const cols = db.prepare(`SELECT * FROM ${table} LIMIT 1`).columns().map(c => c.name)
const all = cols.join(', ')
console.log(table, 'count', t(() => db.prepare(`SELECT count(*) FROM ${table}`).get()))
for (const c of ['c0','c2','c4','c7','c10','c16']) {
  console.log(c, 'topN first page', t(() => db.prepare(`SELECT rowid, ${all} FROM ${table} ORDER BY ${c}, rowid LIMIT 100`).all()), 'ms; index build', t(() => db.exec(`CREATE INDEX x_${c} ON ${table}(${c})`)), 'ms')
}
