import * as v from 'valibot'

/** Import batches are named by 16 hex digits (src/node/import/import-jobs.ts). */
export const ImportJobIdSchema = v.pipe(v.string(), v.regex(/^[0-9a-f]{16}$/, 'an import job id'))
