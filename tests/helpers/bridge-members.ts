import { apiMethods, type BridgeLocalMembers } from '../../src/shared/api'

// Every member window.casefile must have, and nothing else: the contract's methods and the local
// members. A record of the local members makes the compiler fail here when one is added to or
// taken from BridgeLocalMembers, so this list cannot fall out of step with the type.
const LOCAL_MEMBERS: Record<keyof BridgeLocalMembers, true> = { onEvent: true, pathForFile: true }

export const BRIDGE_MEMBERS: readonly string[] = [...apiMethods, ...Object.keys(LOCAL_MEMBERS)].sort()
