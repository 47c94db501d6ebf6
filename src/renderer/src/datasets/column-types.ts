// How column types are named to a person, and how each sorts.

import type { ColumnType } from '@shared/model'

/** Plural, as in "Read as whole numbers". */
export const COLUMN_TYPE_NAMES: Record<ColumnType, string> = {
  integer: 'whole numbers',
  real: 'decimal numbers',
  date: 'dates (YYYY-MM-DD)',
  datetime: 'dates with times',
  text: 'text'
}

/** Singular, as in "doesn't read as a whole number". */
export const COLUMN_TYPE_SINGULAR: Record<ColumnType, string> = {
  integer: 'a whole number',
  real: 'a number',
  date: 'a date',
  datetime: 'a date and time',
  text: 'text'
}

/** The two directions of a sort, in the column's own terms. */
export function sortLabels(type: ColumnType): { asc: string; desc: string } {
  if (type === 'integer' || type === 'real') return { asc: 'Smallest first', desc: 'Largest first' }
  if (type === 'date' || type === 'datetime') return { asc: 'Oldest first', desc: 'Newest first' }
  return { asc: 'A to Z', desc: 'Z to A' }
}

/** What a type change did, in a sentence. */
export function typeChangeSummary(type: ColumnType, misfits: number): string {
  if (misfits === 0) return `Every value now reads as ${COLUMN_TYPE_SINGULAR[type]}.`
  const values = misfits === 1 ? '1 value does not' : `${misfits.toLocaleString('en')} values do not`
  return `${values} read as ${COLUMN_TYPE_SINGULAR[type]}; ${misfits === 1 ? 'it is' : 'they are'} kept exactly as ${misfits === 1 ? 'it was' : 'they were'} and marked in the table.`
}
