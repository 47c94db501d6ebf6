import type { ApiMethod, BridgeLocalMembers, CasefileBridge } from './api'
import type { Result } from './result'

/**
 * Builds window.casefile: one function per contract method, each handing its one argument (whatever
 * else the page passes) to `invoke`, plus the members answered where the bridge runs. The preload
 * invokes over IPC; the browser test harness invokes through an exposed function. Both then reach
 * serveCall, which checks every call.
 *
 * Self-contained on purpose: the harness puts this function's source text into the page
 * (tests/e2e/launch.ts), so it may use nothing but its parameters — no imports at run time, no
 * names from this module. tests/unit/shared/create-bridge.test.ts runs it from its text alone.
 */
export function createBridge(
  methods: readonly ApiMethod[],
  invoke: (method: ApiMethod, args: unknown) => Promise<Result<unknown>>,
  local: BridgeLocalMembers
): CasefileBridge {
  const bridge: Record<string, unknown> = {}
  for (const method of methods) bridge[method] = (args?: unknown) => invoke(method, args)
  // The types come from the contract; the object is built from its runtime list of methods.
  return Object.freeze({ ...bridge, ...local }) as unknown as CasefileBridge
}
