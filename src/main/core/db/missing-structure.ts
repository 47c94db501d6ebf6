import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'
import { migrate } from './migrate'
import { sqlRows, sqlValues } from './sql-rows'
import type { Migration } from './migrations/migration'

/** The tables (with their columns), indexes, triggers and views an archive of this version has. */
type Structure = Map<string, { type: string; columns: string[] }>

const built = new WeakMap<readonly Migration[], Structure>()

function structureOf(db: Db): Structure {
  const objects = sqlRows({ type: 'text', name: 'text' }).all(
    db.prepare("SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' AND type IN ('table', 'index', 'trigger', 'view') ORDER BY name")
  )
  const structure: Structure = new Map()
  for (const { type, name } of objects) {
    const columns = type === 'table' ? sqlValues('text').all(db.prepare('SELECT name FROM pragma_table_xinfo(?)').pluck(), name) : []
    structure.set(name, { type, columns })
  }
  return structure
}

/**
 * What `migrations` build in an empty database: made once per list, in memory, through the same
 * better-sqlite3 build as the archive (a packaged app has no other).
 */
function expectedStructure(migrations: readonly Migration[], nativeBinding: string | null): Structure {
  const known = built.get(migrations)
  if (known !== undefined) return known
  const db = new Database(':memory:', nativeBinding ? { nativeBinding } : {})
  try {
    migrate(db, migrations)
    const structure = structureOf(db)
    built.set(migrations, structure)
    return structure
  } finally {
    db.close()
  }
}

/**
 * What an archive at the last of `migrations` lacks of the structure those steps build (tables,
 * their columns, indexes, triggers, views), named like "table imports" or "column notes.body"; empty
 * when nothing is missing. A file that carries the Casefile identity and format number but not its
 * tables (made by another tool, or a copy gone wrong) would open and then fail at the first read;
 * found here, it is refused with the reason instead. What an archive has beyond that (the datasets'
 * own tables and indexes) is its content.
 */
export function missingStructure(db: Db, migrations: readonly Migration[], nativeBinding: string | null): string[] {
  const actual = structureOf(db)
  const missing: string[] = []
  for (const [name, expected] of expectedStructure(migrations, nativeBinding)) {
    const found = actual.get(name)
    if (found === undefined || found.type !== expected.type) {
      missing.push(`${expected.type} ${name}`)
      continue
    }
    for (const column of expected.columns) if (!found.columns.includes(column)) missing.push(`column ${name}.${column}`)
  }
  return missing
}
