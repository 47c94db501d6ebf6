import { spawn } from 'node:child_process'

export interface HeldLock {
  /** Ends the other process's transaction (rolled back) and waits for it to exit. */
  release(): Promise<void>
}

/**
 * Another process writing the archive right now: the sqlite3 shell opens it, runs BEGIN IMMEDIATE
 * and an insert, and keeps the transaction open until released. Resolves once the lock is held.
 */
export function holdWriteLock(path: string): Promise<HeldLock> {
  const shell = spawn('sqlite3', [path], { stdio: ['pipe', 'pipe', 'pipe'] })
  return new Promise((resolve, reject) => {
    let output = ''
    const fail = (why: string) => reject(new Error(`the sqlite3 shell could not hold the write lock on ${path}: ${why}`))
    shell.on('error', (error) => fail(`${error.message} (install it: apt-get install sqlite3)`))
    shell.stderr.on('data', (chunk: Buffer) => fail(chunk.toString()))
    shell.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (!output.includes('holding')) return
      resolve({
        release: () =>
          new Promise<void>((done) => {
            shell.on('exit', () => done())
            shell.stdin.end()
          })
      })
    })
    shell.stdin.write("BEGIN IMMEDIATE;\nINSERT INTO meta (key, value) VALUES ('held-by-another-process', 'yes');\nSELECT 'holding';\n")
  })
}

/**
 * Another process that writes the archive for `ms` milliseconds and then lets go by itself (an
 * import in progress), so a command run synchronously meanwhile meets the lock and then sees it
 * released. Resolves once the lock is held.
 */
export function holdWriteLockFor(path: string, ms: number): Promise<void> {
  const script = `
    const db = new (require('better-sqlite3'))(process.argv[1])
    db.exec("BEGIN IMMEDIATE; INSERT INTO meta (key, value) VALUES ('held-by-another-process', 'yes')")
    console.log('holding')
    setTimeout(() => db.exec('ROLLBACK'), Number(process.argv[2]))`
  const holder = spawn(process.execPath, ['-e', script, path, String(ms)], { stdio: ['ignore', 'pipe', 'pipe'], cwd: process.cwd() })
  return new Promise((resolve, reject) => {
    holder.on('error', (error) => reject(error))
    holder.stderr.on('data', (chunk: Buffer) => reject(new Error(`the lock holder failed on ${path}: ${chunk.toString()}`)))
    holder.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('holding')) resolve()
    })
  })
}
