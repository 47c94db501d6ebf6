import type { Result } from '@shared/result'
import { CommandError } from './cli-io'

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new CommandError(result.error.message)
  return result.value
}
