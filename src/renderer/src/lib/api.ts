// The renderer's only door to the archive. Views call `api.x(args)` and get the value or a thrown
// ApiFailure, so every view can share one loading / error / retry flow instead of checking `ok`.

import { apiMethods, type ApiArgs, type ApiMethod, type ApiResults, type CasefileBridge, type EventListener } from '@shared/api'
import type { ErrorCode, Result } from '@shared/result'

/** Codes the archive sends, plus two that only the renderer can observe. */
export type FailureCode = ErrorCode | 'bridge-missing' | 'transport'

export class ApiFailure extends Error {
  readonly code: FailureCode

  constructor(code: FailureCode, message: string) {
    super(message)
    this.name = 'ApiFailure'
    this.code = code
  }
}

export const BRIDGE_MISSING_MESSAGE = "Casefile's bridge is missing: this page must be opened by the Casefile app."

export function hasBridge(): boolean {
  return window.casefile !== undefined
}

function bridge(): CasefileBridge {
  const found = window.casefile
  if (found === undefined) throw new ApiFailure('bridge-missing', BRIDGE_MISSING_MESSAGE)
  return found
}

/** Anything caught in a view becomes an ApiFailure, so error states always have a code and a message. */
export function toFailure(caught: unknown): ApiFailure {
  if (caught instanceof ApiFailure) return caught
  const detail = caught instanceof Error ? caught.message : String(caught)
  return new ApiFailure('transport', `Casefile could not reach the archive (${detail}).`)
}

async function unwrap<T>(call: () => Promise<Result<T>>): Promise<T> {
  let result: Result<T>
  try {
    result = await call()
  } catch (caught) {
    throw toFailure(caught)
  }
  if (!result.ok) throw new ApiFailure(result.error.code, result.error.message)
  return result.value
}

/** The contract's methods as the renderer calls them: the value, or a thrown ApiFailure. */
export type Client = {
  [M in ApiMethod]: ApiArgs<M> extends void
    ? () => Promise<ApiResults[M]>
    : (args: ApiArgs<M>) => Promise<ApiResults[M]>
}

type Forwarder = (args: unknown) => Promise<Result<unknown>>

// Built from the contract's own list of methods, so a method added to the contract is callable here
// with no line to write. Each forwarder hands its argument to the bridge method of the same name and
// unwraps that method's answer, so the method's own argument and result types hold for it: the two
// casts only say so for the whole set at once, which the compiler cannot follow through a mapped type.
export const api = Object.fromEntries(
  apiMethods.map((method) => [method, (args: unknown) => unwrap(() => (bridge()[method] as Forwarder)(args))])
) as Client

export function onApiEvent(listener: EventListener): () => void {
  return bridge().onEvent(listener)
}

/**
 * Where a file dropped on the window lives on disk. Not an IPC call: the preload answers at once,
 * with a plain string. Electron gives '' for a File that has no path (one made in the page, say),
 * and a failure here means the same to the caller, so both come back as ''.
 */
export function pathForFile(file: File): string {
  try {
    return bridge().pathForFile(file)
  } catch {
    return ''
  }
}
