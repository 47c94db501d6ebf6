import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../../../src/main/core/db/migrate'
import { migration0001 } from '../../../../../../src/main/core/db/migrations/0001-initial'
import { migration0002 } from '../../../../../../src/main/core/db/migrations/0002-dataset-row-search'
import { migration0003 } from '../../../../../../src/main/core/db/migrations/0003-saved-searches'

describe('migration 0003: saved searches', () => {
  it('adds a strict table that refuses an empty name or query and a non-boolean exact flag', () => {
    const db = new Database(':memory:')
    migrate(db, [migration0001, migration0002])
    expect(migrate(db, [migration0001, migration0002, migration0003])).toBe(3)
    const insert = db.prepare('INSERT INTO saved_searches (name, query, exact, created_at, last_run_at) VALUES (?, ?, ?, ?, ?)')
    insert.run('Closures', 'closure kind:data', 0n, '2026-01-01', '2026-01-01')
    expect(() => insert.run('', 'x', 0n, 'a', 'b')).toThrow(/CHECK/)
    expect(() => insert.run('x', '', 0n, 'a', 'b')).toThrow(/CHECK/)
    expect(() => insert.run('x', 'y', 2n, 'a', 'b')).toThrow(/CHECK/)
    expect(() => insert.run('x', 'y', 'yes', 'a', 'b')).toThrow()
    expect(db.prepare('SELECT name, query, exact FROM saved_searches').all()).toEqual([{ name: 'Closures', query: 'closure kind:data', exact: 0 }])
  })
})
