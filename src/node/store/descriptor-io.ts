import { close, fsync, open, readFile, writeFile } from 'node:fs'
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
