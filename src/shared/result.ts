// Errors cross the boundary as values, never as thrown exceptions.

export type ErrorCode =
  | 'bad-request'
  | 'unknown-method'
  | 'not-found'
  | 'not-an-archive'
  | 'newer-archive'
  | 'unreadable'
  | 'invalid-input'
  | 'busy'
  /** A search that a newer one replaced before it was answered; nobody is waiting for it. */
  | 'superseded'
  | 'read-only'
  | 'internal'

export interface ApiError {
  code: ErrorCode
  message: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError }

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } }
}
