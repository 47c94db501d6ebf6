import type { Database, Statement } from 'better-sqlite3'

const MAX_STATEMENTS = 256
const caches = new WeakMap<Database, Map<string, Statement>>()

/**
 * A prepared statement reused across calls: preparing costs more than running a small query, and
 * search prepares the same few statements on every keystroke. The cache per connection is bounded;
 * the oldest statement goes first.
 */
export function cachedStatement(db: Database, sql: string): Statement {
  let cache = caches.get(db)
  if (!cache) {
    cache = new Map()
    caches.set(db, cache)
  }
  const hit = cache.get(sql)
  if (hit) {
    // Map keeps insertion order: moving a hit to the end keeps the least recently used first.
    cache.delete(sql)
    cache.set(sql, hit)
    return hit
  }
  const statement = db.prepare(sql)
  cache.set(sql, statement)
  if (cache.size > MAX_STATEMENTS) cache.delete(cache.keys().next().value!)
  return statement
}
