import { close, fsync, open, readFile, writeFile, writev } from 'node:fs'
import { promisify } from 'node:util'

/**
 * File I/O through plain numeric descriptors, for the store's save path (each save reads one
 * file and writes another, then syncs its folder).
 *
 * Why not fs/promises: every FileHandle it opens is a weakly held native object, and V8 visits
 * each one in the next young-generation collection. At a dozen per save that visit was the longest
 * part of the garbage-collection pauses measured while saving (`heap.external_weak_global_handles`
 * in `node --trace-gc-nvp bench/store-child.ts`). The callback API leaves nothing for the
 * collector; promisify keeps the call sites as plain awaits.
 */
export const openDescriptor = promisify(open)
export const closeDescriptor = promisify(close)
export const syncDescriptor = promisify(fsync)
export const writeWhole = promisify(writeFile)
export const readWhole = promisify(readFile)
const writeGathered = promisify(writev)

/** Writes `pieces` one after the other with gathering writes: no buffer joining them is ever made. */
export async function writeAllPieces(descriptor: number, pieces: readonly Uint8Array[]): Promise<void> {
  let remaining = pieces.filter((piece) => piece.length > 0)
  while (remaining.length > 0) {
    // The kernel takes at most IOV_MAX (1024) pieces per call and may write fewer bytes than asked.
    let { bytesWritten: written } = await writeGathered(descriptor, remaining.slice(0, 1024))
    let skip = 0
    while (skip < remaining.length && written >= remaining[skip]!.length) written -= remaining[skip++]!.length
    remaining = remaining.slice(skip)
    if (written > 0) remaining[0] = remaining[0]!.subarray(written)
  }
}
