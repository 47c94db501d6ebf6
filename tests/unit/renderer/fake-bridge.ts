// A stand-in for window.casefile in the renderer's state tests: each contract method answers from a
// handler the test gives (a value, or a refusal as the archive sends one), every call is recorded,
// and the test can send the events the main process would.

import { apiMethods, type ApiArgs, type ApiEvent, type ApiMethod, type ApiResults, type CasefileBridge, type EventListener } from '../../../src/shared/api'
import { fail, ok, type ErrorCode, type Result } from '../../../src/shared/result'

export type Handlers = { [M in ApiMethod]?: (args: ApiArgs<M>) => ApiResults[M] | Promise<ApiResults[M]> }

/** Thrown by a handler: the archive answers with this error value, as it would refuse a call. */
export class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string
  ) {
    super(message)
  }
}

export interface FakeBridge {
  /** Every call made, in order, with its argument. */
  readonly calls: { method: ApiMethod; args: unknown }[]
  /** Sends an event to whoever listens (the app's state). */
  emit(event: ApiEvent): void
  /** Adds or replaces handlers for the rest of the test. */
  handle(handlers: Handlers): void
  /** The calls of one method, their arguments in order. */
  argsOf<M extends ApiMethod>(method: M): ApiArgs<M>[]
}

export function installFakeBridge(initial: Handlers): FakeBridge {
  const handlers: Record<string, ((args: unknown) => unknown) | undefined> = { ...(initial as Record<string, (args: unknown) => unknown>) }
  const calls: { method: ApiMethod; args: unknown }[] = []
  const listeners = new Set<EventListener>()

  async function answer(method: ApiMethod, args: unknown): Promise<Result<unknown>> {
    calls.push({ method, args })
    const handler = handlers[method]
    if (handler === undefined) return fail('unknown-method', `The test gave no answer for ${method}.`)
    try {
      return ok(await handler(args))
    } catch (caught) {
      if (caught instanceof Refusal) return fail(caught.code, caught.message)
      throw caught
    }
  }

  const methods = Object.fromEntries(apiMethods.map((method) => [method, (args: unknown) => answer(method, args)]))
  const bridge = {
    ...methods,
    onEvent(listener: EventListener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    pathForFile: (file: { name: string }) => `/dropped/${file.name}`
  } as unknown as CasefileBridge
  Object.defineProperty(window, 'casefile', { value: bridge, configurable: true, writable: true })

  return {
    calls,
    emit: (event) => listeners.forEach((listener) => listener(event)),
    handle: (more) => Object.assign(handlers, more),
    argsOf: <M extends ApiMethod>(method: M) => calls.filter((call) => call.method === method).map((call) => call.args as ApiArgs<M>)
  }
}

/** A promise and the hands that settle it, so a test decides when an answer arrives. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (reason: unknown) => void } {
  let resolve!: (value: T) => void
  let reject!: (reason: unknown) => void
  const promise = new Promise<T>((yes, no) => {
    resolve = yes
    reject = no
  })
  return { promise, resolve, reject }
}
