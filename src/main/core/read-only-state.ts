import type { ReadOnlyState } from './archive'
import type { Unwritable } from './db/open-unwritable'
import { DAMAGE_WAY_OUT } from './plain-failure'

export function damagedState(name: string): ReadOnlyState {
  return { reason: 'damaged', message: `${name} is damaged, so Casefile opened it read-only and changes nothing in it. ${DAMAGE_WAY_OUT}` }
}

export function readOnlyMediaState(name: string): ReadOnlyState {
  return {
    reason: 'read-only-media',
    message: `${name} cannot be written where it is (a read-only file, folder or disk), so Casefile opened it read-only: reading, search and export work, changes do not. To change it, copy it to a writable folder and open the copy.`
  }
}

export function diskFullState(name: string): ReadOnlyState {
  return {
    reason: 'disk-full',
    message: `The disk holding ${name} is full, so Casefile opened it read-only: reading, search and export work, changes do not. To change it, free some space on the disk and open it again.`
  }
}

/** The state of an archive that cannot be written where it is, for the reason found. */
export function unwritableState(name: string, why: Unwritable): ReadOnlyState {
  return why === 'disk-full' ? diskFullState(name) : readOnlyMediaState(name)
}

/** A change refused because the archive is open read-only; its message is the archive's ReadOnlyState message. */
export class ArchiveReadOnly extends Error {}
