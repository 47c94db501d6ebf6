// The test's side of a stand-in run: starts out/main/index.js (or a packaged copy of it) under Node
// with the stand-in `electron` module in a child process, and sends it commands. See electron.mjs
// for what such a run proves and what it does not.

import { fork, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import type { Result } from '../../../src/shared/result'

export interface StandInFacts {
  /** The main bundle to load. */
  main: string
  isPackaged: boolean
  resourcesPath: string
  /** process.versions.modules as Electron would report it. */
  moduleVersion: string
  electronVersion: string
  /** Command-line arguments after the script, as Electron passes them on. */
  argv: string[]
  paths: { appData: string; documents: string; temp: string; home: string }
  /** The button every message box answers with; 'cancel' = its cancelId; 'wait' = never, until told. */
  messageBoxResponse: number | 'cancel' | 'wait'
  /** The path every save dialog answers with; null = cancelled. */
  saveDialogAnswer: string | null
}

export interface MenuEntry {
  label: string | null
  role: string | null
  type: string | null
  enabled: boolean
  accelerator: string | null
  submenu: MenuEntry[] | null
}

export interface Report {
  calls: { what: string; beforeReady: boolean; detail: Record<string, unknown> | null }[]
  ipcChannels: string[]
  protocolSchemes: string[]
  windows: { options: { webPreferences: Record<string, unknown> } & Record<string, unknown>; loadedURL: string | null; hasWindowOpenHandler: boolean }[]
  sessions: { partition: string; spellCheckerEnabled: boolean; dictionaryDownloadURL: string | null; hasPermissionHandler: boolean; downloadListeners: number }[]
  appListeners: Record<string, number>
  dialogs: { kind: string; title?: string; content?: string; message?: string; detail?: string; buttons?: string[] }[]
  menus: MenuEntry[][]
  /** Where each right-click menu was asked to open, in window coordinates. */
  menuPlaces: { x: number | null; y: number | null }[]
  applicationMenu: MenuEntry[] | null
  openedExternally: string[]
  exitCode: number | null
  quitCalled: boolean
  userData: string
}

export interface FetchAnswer {
  status: number | null
  headers: Record<string, string>
  length: number
  text: string
}

export type Sender = 'window' | 'foreign-origin' | 'subframe' | 'other-contents'

type Answer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string }

export class StandInMain {
  readonly output: string[] = []
  readonly #child: ChildProcess
  readonly #waiting = new Map<number, (answer: Answer) => void>()
  #next = 1
  #exited: Promise<number | null>

  private constructor(child: ChildProcess) {
    this.#child = child
    child.stdout?.on('data', (chunk: Buffer) => this.output.push(chunk.toString('utf8')))
    child.stderr?.on('data', (chunk: Buffer) => this.output.push(chunk.toString('utf8')))
    child.on('message', (message: Answer) => this.#waiting.get(message.id)?.(message))
    this.#exited = new Promise((resolve) =>
      child.on('exit', (code, signal) => {
        // A run that dies (a crash in a native module, say) answers every question still open.
        for (const [id, settle] of [...this.#waiting]) settle({ id, ok: false, error: `the stand-in run ended (${code ?? signal})` })
        resolve(code)
      })
    )
  }

  /** Starts the child and waits until the main bundle has been imported (nothing is ready yet). */
  static async start(facts: StandInFacts): Promise<StandInMain> {
    const child = fork(join(import.meta.dirname, 'run-main.mjs'), [], {
      env: { ...process.env, CASEFILE_STAND_IN: JSON.stringify(facts), ELECTRON_RENDERER_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc']
    })
    const main = new StandInMain(child)
    const loaded = main.#answer(0)
    const failed = main.#exited.then((code) => {
      throw new Error(`the stand-in run exited (${code}) before the main bundle loaded:\n${main.output.join('')}`)
    })
    await Promise.race([loaded, failed])
    return main
  }

  #answer(id: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, (answer) => {
        this.#waiting.delete(id)
        if (answer.ok) resolve(answer.value)
        else reject(new Error(`stand-in run: ${answer.error}\n${this.output.join('')}`))
      })
    })
  }

  send<T>(command: Record<string, unknown>): Promise<T> {
    const id = this.#next++
    const answer = this.#answer(id)
    this.#child.send({ ...command, id })
    return answer as Promise<T>
  }

  ready(): Promise<Report> {
    return this.send({ cmd: 'ready' })
  }

  report(): Promise<Report> {
    return this.send({ cmd: 'report' })
  }

  async invoke(method: string, args: unknown, sender: Sender): Promise<Result<unknown> | 'no handler'> {
    const answer = await this.send<{ result?: Result<unknown>; noHandler?: boolean }>({ cmd: 'invoke', channel: `casefile:${method}`, args, sender })
    return answer.noHandler ? 'no handler' : answer.result!
  }

  fetch(url: string, method: 'GET' | 'HEAD' | 'POST'): Promise<FetchAnswer> {
    return this.send({ cmd: 'fetch', url, method })
  }

  async stop(): Promise<void> {
    if (this.#child.exitCode === null) this.#child.kill('SIGKILL')
    await this.#exited
  }
}
