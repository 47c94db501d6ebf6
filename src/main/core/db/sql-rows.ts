// Rows as SQLite hands them back, checked against the shape a query declares once. better-sqlite3
// types every row as unknown; rather than assert a type at each call, a reader checks each column
// it is told about, so a renamed column or a wrong alias fails at the query with its name, not as
// an `undefined` three functions later.

import type { Database, Statement } from 'better-sqlite3'

/** A column's value as better-sqlite3 gives it to JavaScript (integers as numbers: no safeIntegers). */
const CHECKS = {
  integer: (value: unknown) => typeof value === 'number' && Number.isInteger(value),
  real: (value: unknown) => typeof value === 'number',
  text: (value: unknown) => typeof value === 'string',
  'integer?': (value: unknown) => value === null || (typeof value === 'number' && Number.isInteger(value)),
  'real?': (value: unknown) => value === null || typeof value === 'number',
  'text?': (value: unknown) => value === null || typeof value === 'string',
  /** A dataset cell: text, a number or empty. */
  cell: (value: unknown) => value === null || typeof value === 'number' || typeof value === 'string'
} as const

export type ColumnKind = keyof typeof CHECKS

export type ColumnValue<K extends ColumnKind> = K extends 'integer' | 'real'
  ? number
  : K extends 'text'
    ? string
    : K extends 'integer?' | 'real?'
      ? number | null
      : K extends 'text?'
        ? string | null
        : string | number | null

/** A column's kind, or the texts it may hold (a CHECK constraint's list, say). */
export type ColumnSpec = ColumnKind | readonly string[]

type SpecValue<C extends ColumnSpec> = C extends ColumnKind ? ColumnValue<C> : C extends readonly (infer T)[] ? T : never

export type RowShape = Readonly<Record<string, ColumnSpec>>

export type SqlRow<S extends RowShape> = { [C in keyof S]: SpecValue<S[C]> }

type Params = unknown[]

export interface SqlReader<T> {
  /** The first row, or null when there is none. */
  get(statement: Statement, ...params: Params): T | null
  /** The first row of a query that always has one (count(*), a row just written). */
  one(statement: Statement, ...params: Params): T
  all(statement: Statement, ...params: Params): T[]
  iterate(statement: Statement, ...params: Params): Generator<T>
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing'
  if (value === null) return 'null'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

function mismatch(statement: Statement, what: string, kind: string, value: unknown): Error {
  const sql = statement.source.replace(/\s+/g, ' ').trim()
  return new Error(`The query “${sql.length > 120 ? `${sql.slice(0, 119)}…` : sql}” answered ${what} ${describe(value)}, not ${kind}.`)
}

function reader<T>(check: (statement: Statement, row: unknown) => T): SqlReader<T> {
  return {
    get(statement, ...params) {
      const row: unknown = statement.get(...params)
      return row === undefined ? null : check(statement, row)
    },
    one(statement, ...params) {
      const row: unknown = statement.get(...params)
      if (row === undefined) throw new Error(`The query “${statement.source.trim().slice(0, 120)}” answered no row.`)
      return check(statement, row)
    },
    all(statement, ...params) {
      return statement.all(...params).map((row: unknown) => check(statement, row))
    },
    *iterate(statement, ...params) {
      for (const row of statement.iterate(...params)) yield check(statement, row)
    }
  }
}

function fits(spec: ColumnSpec, value: unknown): boolean {
  return typeof spec === 'string' ? CHECKS[spec](value) : typeof value === 'string' && spec.includes(value)
}

/** Rows as objects (a statement in its default mode), each column checked against `shape`. */
export function sqlRows<const S extends RowShape>(shape: S): SqlReader<SqlRow<S>> {
  const columns = Object.entries(shape)
  return reader((statement, row) => {
    if (typeof row !== 'object' || row === null) throw mismatch(statement, 'a row that is', 'an object', row)
    const record = row as Record<string, unknown>
    for (const [name, spec] of columns) {
      if (!fits(spec, record[name])) throw mismatch(statement, `column "${name}" as`, typeof spec === 'string' ? spec : `one of ${spec.join(', ')}`, record[name])
    }
    return record as SqlRow<S>
  })
}

/** Single values, from a statement the caller made `.pluck()`. */
export function sqlValues<K extends ColumnKind>(kind: K): SqlReader<ColumnValue<K>> {
  return reader((statement, value) => {
    if (!CHECKS[kind](value)) throw mismatch(statement, 'a value that is', kind, value)
    return value as ColumnValue<K>
  })
}

type TupleOf<K extends readonly ColumnKind[]> = { -readonly [I in keyof K]: ColumnValue<K[I]> }

/**
 * Rows as arrays, from a statement the caller made `.raw(true)`: each column of the kind at its
 * place in `kinds`, or every column of `kinds` when it is one kind (a dataset's cells).
 */
export function sqlTuples<const K extends readonly ColumnKind[]>(kinds: K): SqlReader<TupleOf<K>>
export function sqlTuples<K extends ColumnKind>(kinds: K): SqlReader<ColumnValue<K>[]>
export function sqlTuples(kinds: ColumnKind | readonly ColumnKind[]): SqlReader<unknown[]> {
  return reader((statement, row) => {
    if (!Array.isArray(row) || (typeof kinds !== 'string' && row.length !== kinds.length)) throw mismatch(statement, 'a row that is', 'an array of its columns', row)
    const values: unknown[] = row
    for (const [index, value] of values.entries()) {
      const kind = typeof kinds === 'string' ? kinds : kinds[index]!
      if (!CHECKS[kind](value)) throw mismatch(statement, `column ${index + 1} as`, kind, value)
    }
    return values
  })
}

/** A pragma that answers with one value (page_count, user_version, busy_timeout), checked like a column. */
export function pragmaValue<K extends ColumnKind>(db: Database, pragma: string, kind: K): ColumnValue<K> {
  const value: unknown = db.pragma(pragma, { simple: true })
  if (!CHECKS[kind](value)) throw new Error(`PRAGMA ${pragma} answered ${describe(value)}, not ${kind}.`)
  return value as ColumnValue<K>
}

/** The lines of a check pragma (quick_check, integrity_check): each row's one column, as text. */
export function pragmaLines(db: Database, pragma: string): string[] {
  const rows: unknown = db.pragma(pragma)
  if (!Array.isArray(rows)) throw new Error(`PRAGMA ${pragma} answered ${describe(rows)}, not rows.`)
  return rows.map((row: unknown) => String(typeof row === 'object' && row !== null ? Object.values(row)[0] : row))
}
