/**
 * What was asked for does not exist in this archive (a note deleted in another window, say). It
 * reaches the person as a 'not-found' error, in its own words, without a stack trace in the log.
 */
export class NotFound extends Error {}

/** `value`, or a NotFound naming `what` ("Article 12") when there is none. */
export function found<T>(value: T | null, what: string): T {
  if (value === null) throw new NotFound(`${what} was not found in this archive.`)
  return value
}
