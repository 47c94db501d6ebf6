// Types of timed-process.mjs, for the benches written in TypeScript that import it.
export function timed(command: string, args: readonly string[]): Promise<{ wall: number; cpu: number; peak: number; stdout: string }>
