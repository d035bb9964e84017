/**
 * Limits of what the renderer may send for import. A file is read whole and parsed whole, so its
 * size is bounded (the same 20 MB as files imported from disk); dropped files travel as base64
 * (4 characters per 3 bytes) in one call, so a drop is bounded in count and in total too.
 */
export const MAX_IMPORT_FILE_BYTES = 20 * 1024 * 1024
export const MAX_DROPPED_FILES = 100
export const MAX_DROPPED_TOTAL_BYTES = 100 * 1024 * 1024
export const MAX_PASTE_CHARS = 5_000_000
export const MAX_FILE_NAME_LENGTH = 255

export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4
}
