// Types of electron-install.mjs, for the tests that import it.
export function isTruthy(value: string | undefined): boolean
export function electronExecutable(platform: string): string
export function electronInstallState(root: string, platform: string): { installed: boolean; version: string | null; electronDir: string; problem: string | null }
export function electronArch(env: Record<string, string | undefined>, platform: string, nodeArch: string, runsUnderRosetta: () => boolean): string
export function runsUnderRosetta(): boolean
export function moduleAbi(path: string): string | null
export function notRunnableReason(path: string, platform: string): string | null
export function toolLimitMs(normalMs: number): number
export function durationText(ms: number): string
