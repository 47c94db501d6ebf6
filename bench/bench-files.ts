// What the benches share: writing a generated file in large pieces, and reading a process's peak memory.
import { createWriteStream, readFileSync } from 'node:fs'

/** Writes `lines` (each with its own line break) to `path` in 1 MB pieces, waiting when the disk is behind. */
export async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path, { highWaterMark: 1 << 20 })
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())))
  let chunk = ''
  for (const line of lines) {
    chunk += line
    if (chunk.length > 1 << 20) {
      await write(chunk)
      chunk = ''
    }
  }
  await write(chunk)
  await new Promise<void>((resolve) => out.end(() => resolve()))
}

/** The most memory process `pid` has held so far (Linux's VmHWM), in bytes; 0 where /proc is not there. */
export function peakRss(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) * 1024 : 0
  } catch {
    return 0
  }
}
