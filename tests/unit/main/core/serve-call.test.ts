// serveCall is the one place a call into the archive is checked and a failure becomes the contract's
// error value, for IPC, the browser test harness and the CLI alike.
import { afterAll, describe, expect, it, vi } from 'vitest'
import type { ApiHandlers } from '../../../../src/shared/api'
import { createArchiveApi, serveCall, type ServedArchive } from '../../../../src/main/core/index'
import { InvalidRequest } from '../../../../src/main/core/invalid-request'
import { NotFound } from '../../../../src/main/core/not-found'
import { ArchiveReadOnly } from '../../../../src/main/core/read-only-state'
import { SearchReplaced } from '../../../../src/main/core/search/search-pool'
import { NO_ARCHIVE_MESSAGE } from '../../../../src/main/core/serve-call'
import { tempArchive } from '../../../helpers/temp-archive'

const made = await tempArchive(false)
const handle = createArchiveApi(made.archive, () => undefined, { importWorker: null, searchWorker: null, chooseSavePath: null, pdfPrinter: null, showContextMenu: null, reopen: null })
afterAll(async () => {
  await handle.dispose()
  made.cleanup()
})

/** The archive with getNote answering by throwing `error`. */
function throwing(error: unknown): ServedArchive {
  const handlers: ApiHandlers = {
    ...handle.handlers,
    getNote: () => {
      throw error
    }
  }
  return { archive: made.archive, handlers }
}

const errno = (code: string, message: string) => Object.assign(new Error(message), { code })

describe('serveCall', () => {
  it('checks the method and its argument first, then answers busy when no archive is open', async () => {
    expect(await serveCall(handle, 'dropEverything', undefined)).toMatchObject({ ok: false, error: { code: 'unknown-method' } })
    expect(await serveCall(null, 'getNote', { id: 'one' })).toMatchObject({ ok: false, error: { code: 'bad-request' } })
    expect(await serveCall(null, 'getNote', { id: 1 })).toEqual({ ok: false, error: { code: 'busy', message: NO_ARCHIVE_MESSAGE } })
    expect(await serveCall(handle, 'listNotes', undefined)).toEqual({ ok: true, value: [] })
  })

  it('turns each kind of throw into its error value, in plain words', async () => {
    const answer = (error: unknown) => serveCall(throwing(error), 'getNote', { id: 1 })
    expect(await answer(new InvalidRequest('Choose at least one note to export.'))).toEqual({ ok: false, error: { code: 'invalid-input', message: 'Choose at least one note to export.' } })
    expect(await answer(new NotFound('Note 1 was not found in this archive.'))).toEqual({ ok: false, error: { code: 'not-found', message: 'Note 1 was not found in this archive.' } })
    expect(await answer(new SearchReplaced())).toMatchObject({ ok: false, error: { code: 'superseded' } })
    expect(await answer(new ArchiveReadOnly('test.casefile is damaged.'))).toEqual({ ok: false, error: { code: 'read-only', message: 'test.casefile is damaged.' } })
    expect(await answer(errno('SQLITE_BUSY', 'database is locked'))).toEqual({
      ok: false,
      error: { code: 'busy', message: 'The archive test.casefile is busy; close other windows or imports and try again.' }
    })
    expect(await answer(errno('ENOSPC', "ENOSPC: no space left on device, write '/x.tmp'"))).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Casefile could not get note: the disk is full.' }
    })
  })

  it('answers a fault with its first line, never a stack or a class name, and logs the stack', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const fault = new TypeError('Cannot read properties of undefined (reading "body")\n    at getNote (note-queries.ts:40)')
    expect(await serveCall(throwing(fault), 'getNote', { id: 1 })).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Casefile could not get note: Cannot read properties of undefined (reading "body")' }
    })
    const long = await serveCall(throwing(new Error('x'.repeat(5000))), 'getNote', { id: 1 })
    expect(!long.ok && long.error.message.length).toBeLessThan(400)
    expect(log).toHaveBeenCalledWith('casefile: getNote failed', fault)
    log.mockRestore()
  })
})
