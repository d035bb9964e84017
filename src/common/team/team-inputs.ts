import * as v from 'valibot'

/**
 * What the Team dialog sends (docs/team.md#the-app), strict and bounded. Messages never quote the
 * received value: a refused password must not come back in an error.
 */
export const MAX_CA_PEM_LENGTH = 100_000

/** CouchDB database names: a lowercase letter, then lowercase letters, digits and _$()+-/. */
export const TEAM_DB_PATTERN = /^[a-z][a-z0-9_$()+/-]{0,237}$/

export const TeamConnectInputSchema = v.strictObject({
  /** The server's address, checked by the service (https anywhere, plain http on loopback and private LANs). */
  server: v.pipe(v.string(), v.minLength(1, 'the server address is empty'), v.maxLength(2000, 'the server address is too long')),
  db: v.pipe(v.string(), v.regex(TEAM_DB_PATTERN, 'not a CouchDB database name')),
  user: v.pipe(v.string(), v.minLength(1, 'the user name is empty'), v.maxLength(200, 'the user name is too long')),
  password: v.pipe(v.string(), v.minLength(1, 'the password is empty'), v.maxLength(1000, 'the password is too long')),
  /** PEM text of the team's certificate authority, read by the window from the file the user chose. */
  ca: v.nullable(
    v.pipe(
      v.string(),
      v.maxLength(MAX_CA_PEM_LENGTH, 'the certificate file is too large'),
      v.regex(/^\s*-----BEGIN CERTIFICATE-----[\s\S]*-----END CERTIFICATE-----\s*$/, 'not a PEM certificate'),
    ),
  ),
})

export const TeamResolveConflictInputSchema = v.strictObject({
  docId: v.pipe(v.string(), v.maxLength(300), v.regex(/^(highlight|brief|theme|article):[A-Za-z0-9_-]{1,64}$/, 'not a team document id')),
  field: v.pipe(v.string(), v.maxLength(300), v.regex(/^[A-Za-z][A-Za-z0-9_.-]{0,299}$/, 'not a field name')),
  /** The text the user chose (one side, or both combined); null keeps the record as merged. */
  text: v.nullable(v.pipe(v.string(), v.maxLength(200_000))),
})
