import type { Database } from 'better-sqlite3'
import { isBusy } from '../plain-failure'
import type { Migration } from './migrations/migration'
import { pragmaValue } from './sql-rows'

export function schemaVersion(db: Database): number {
  return pragmaValue(db, 'user_version', 'integer')
}

/** A migration step that failed; every step before it was rolled back with it. */
export class MigrationFailed extends Error {
  readonly from: number
  readonly to: number
  readonly step: Migration

  constructor(from: number, to: number, step: Migration, cause: unknown) {
    super(`step ${step.version} of ${to} (${step.name}) failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause })
    this.name = 'MigrationFailed'
    this.from = from
    this.to = to
    this.step = step
  }

  /** What failed, in words a person can pass on: "upgrading it from format 5 to 6 failed at step 6 (…): …". */
  describe(): string {
    const cause = this.cause instanceof Error ? this.cause.message : String(this.cause)
    return `upgrading it from format ${this.from} to ${this.to} failed at step ${this.step.version} (${this.step.name}): ${cause.split('\n', 1)[0]}`
  }
}

/** Thrown inside a trial run to roll it back once every step has succeeded. */
class TrialSucceeded extends Error {}

function pendingSteps(version: number, migrations: readonly Migration[]): Migration[] {
  const pending = migrations.filter((migration) => migration.version > version)
  pending.forEach((migration, index) => {
    const follows = index === 0 ? version : pending[index - 1]!.version
    if (migration.version !== follows + 1) throw new Error(`Migration ${migration.version} (${migration.name}) does not follow version ${follows}.`)
  })
  return pending
}

function runSteps(db: Database, from: number, steps: readonly Migration[]): void {
  const to = steps.at(-1)!.version
  for (const step of steps) {
    try {
      step.up(db)
      // PRAGMA cannot take a bound parameter; the version is an integer from our own list.
      db.pragma(`user_version = ${Math.trunc(step.version)}`)
    } catch (error) {
      // Another connection holding the write lock is not a fault of the step; it is said as busy.
      if (isBusy(error)) throw error
      throw new MigrationFailed(from, to, step, error)
    }
  }
}

/**
 * Brings the schema up to the last of `migrations`. Every pending step and its user_version bump
 * commit in one transaction, so a failure anywhere leaves the archive exactly at the version it had.
 */
export function migrate(db: Database, migrations: readonly Migration[]): number {
  const version = schemaVersion(db)
  const steps = pendingSteps(version, migrations)
  if (steps.length === 0) return version
  db.transaction(() => runSteps(db, version, steps)).immediate()
  return steps.at(-1)!.version
}

/**
 * Runs the pending steps and rolls them all back: throws MigrationFailed when one would fail, so a
 * migration that cannot succeed is known before any backup is written for it.
 */
export function trialMigrate(db: Database, migrations: readonly Migration[]): void {
  const version = schemaVersion(db)
  const steps = pendingSteps(version, migrations)
  if (steps.length === 0) return
  try {
    db.transaction(() => {
      runSteps(db, version, steps)
      throw new TrialSucceeded()
    }).immediate()
  } catch (error) {
    if (!(error instanceof TrialSucceeded)) throw error
  }
}
