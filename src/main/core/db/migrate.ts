import type { Database } from 'better-sqlite3'
import type { Migration } from './migrations/migration'

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

/**
 * Brings the schema up to the last of `migrations`. Each migration and its user_version bump
 * commit together, so an interrupted run leaves the archive at the last complete version.
 */
export function migrate(db: Database, migrations: readonly Migration[]): number {
  let version = schemaVersion(db)
  for (const migration of migrations) {
    if (migration.version <= version) continue
    if (migration.version !== version + 1) {
      throw new Error(`Migration ${migration.version} (${migration.name}) does not follow version ${version}.`)
    }
    const step = db.transaction(() => {
      migration.up(db)
      // PRAGMA cannot take a bound parameter; the version is an integer from our own list.
      db.pragma(`user_version = ${Math.trunc(migration.version)}`)
    })
    step.immediate()
    version = migration.version
  }
  return version
}
