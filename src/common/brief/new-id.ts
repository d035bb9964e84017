/**
 * Ids for the records a brief creates. `src/common` has no source of randomness, so the caller
 * passes a function, typically `(kind) => formatId(kind, randomHex16())` (see model/ids.ts);
 * tests pass a counter.
 */
export type NewId = (kind: 'brief' | 'section' | 'item') => string
