import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'

/**
 * `npm run team-server [-- --port N --admin NAME]`: a CouchDB-protocol server on loopback, in
 * memory, for trying a team library on one machine and for the team tests (real CouchDB cannot be
 * installed on every machine). It is express-pouchdb over in-memory PouchDB: it speaks CouchDB's
 * HTTP API (`_changes`, `_bulk_docs`, `_bulk_get`, MVCC revisions, `_users`, `_session`,
 * per-database `_security` and `validate_doc_update`), forgets everything when it stops, and is
 * never a production server (docs/team.md says how an embassy runs Apache CouchDB).
 *
 * The admin's password comes from TEAM_SERVER_ADMIN_PASSWORD (default "admin", printed). Once
 * listening it prints one line `team-server ready: http://127.0.0.1:PORT` (tests wait for it).
 */
const require = createRequire(import.meta.url)
const PouchDB = require('pouchdb-core') as { plugin(p: unknown): typeof PouchDB; defaults(o: object): unknown }
const expressPouchDB = require('express-pouchdb') as (pouch: unknown, options: object) => { listen(port: number, host: string, cb: () => void): import('node:http').Server }

const { values } = parseArgs({ options: { port: { type: 'string', default: '5984' }, admin: { type: 'string', default: 'admin' } } })
const port = Number(values.port)
const admin = values.admin
const password = process.env['TEAM_SERVER_ADMIN_PASSWORD'] || 'admin'

PouchDB.plugin(require('pouchdb-adapter-memory')).plugin(require('pouchdb-mapreduce')).plugin(require('pouchdb-replication'))
// express-pouchdb writes its log file and (without inMemoryConfig) a config.json: the log goes to a
// folder of its own, removed on exit.
const scratch = mkdtempSync(join(tmpdir(), 'team-server-'))
const app = expressPouchDB(PouchDB.defaults({ adapter: 'memory' }), { inMemoryConfig: true, logPath: join(scratch, 'log.txt'), mode: 'fullCouchDB' })

const server = app.listen(port, '127.0.0.1', () => {
  void (async () => {
    const address = server.address()
    const actual = typeof address === 'object' && address !== null ? address.port : port
    const url = `http://127.0.0.1:${actual}`
    // Leave "admin party": the first admin is made the way CouchDB's own setup does it.
    const response = await fetch(`${url}/_config/admins/${encodeURIComponent(admin)}`, { method: 'PUT', body: JSON.stringify(password) })
    if (!response.ok) throw new Error(`could not create the admin: ${response.status} ${await response.text()}`)
    process.stdout.write(`team-server ready: ${url}\n`)
    if (!process.env['TEAM_SERVER_ADMIN_PASSWORD']) process.stdout.write(`admin: ${admin} / ${password}\n`)
  })().catch((error: unknown) => {
    process.stderr.write(`team-server: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  })
})

const stop = (): void => {
  server.close()
  rmSync(scratch, { recursive: true, force: true })
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
