import { randomBytes } from 'node:crypto'
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
 * express-pouchdb checks `_security` itself, but not as CouchDB 3 does: it answers 401 to a
 * logged-in non-member (CouchDB: 403 forbidden) and lets anyone read through `_bulk_get`. So every
 * database request first meets `membersOnly` below, which asks this same server (with the
 * request's own credentials) whether the caller may read the database, and answers as CouchDB 3
 * does when not: 401 for an anonymous caller, 403 for a logged-in non-member.
 *
 * The admin's password comes from TEAM_SERVER_ADMIN_PASSWORD (default "admin", printed). Once
 * listening it prints one line `team-server ready: http://127.0.0.1:PORT` (tests wait for it).
 */
const require = createRequire(import.meta.url)
const PouchDB = require('pouchdb-core') as { plugin(p: unknown): typeof PouchDB; defaults(o: object): unknown }
const expressPouchDB = require('express-pouchdb') as (pouch: unknown, options: object) => Handler
const express = require('express') as () => Handler & { use(handler: Handler): void; listen(port: number, host: string, cb: () => void): import('node:http').Server }
type Handler = (req: import('node:http').IncomingMessage & { url: string }, res: import('node:http').ServerResponse, next: (error?: unknown) => void) => void

const { values } = parseArgs({ options: { port: { type: 'string', default: '5984' }, admin: { type: 'string', default: 'admin' } } })
const port = Number(values.port)
const admin = values.admin
const password = process.env['TEAM_SERVER_ADMIN_PASSWORD'] || 'admin'

PouchDB.plugin(require('pouchdb-adapter-memory')).plugin(require('pouchdb-mapreduce')).plugin(require('pouchdb-replication'))
// express-pouchdb writes its log file and (without inMemoryConfig) a config.json: the log goes to a
// folder of its own, removed on exit.
const scratch = mkdtempSync(join(tmpdir(), 'team-server-'))
const couch = expressPouchDB(PouchDB.defaults({ adapter: 'memory' }), { inMemoryConfig: true, logPath: join(scratch, 'log.txt'), mode: 'fullCouchDB' })
let url = ''
/** Marks the guard's own questions to this server, which must not meet the guard again. */
const INNER = { name: 'x-team-server-inner', token: randomBytes(16).toString('hex') }
const app = express()
if (process.env['TEAM_SERVER_TEST_FAULTS'] === '1') app.use(testFaults)
app.use(membersOnly)
app.use(longpollEnds)
app.use(couch)

/**
 * CouchDB 3's rule for a database request: the caller must be a server admin, or an admin or
 * member of the database (or its `_security` names no members). `GET /db/_security` with the
 * caller's credentials answers exactly that (200 for them; a missing database passes on, to 404).
 * System databases (`_users`, …) and server paths (`/_session`, …) keep express-pouchdb's rules.
 */
function membersOnly(req: Parameters<Handler>[0], res: Parameters<Handler>[1], next: Parameters<Handler>[2]): void {
  const db = req.url.split(/[/?]/)[1] ?? ''
  if (db === '' || db.startsWith('_') || req.headers[INNER.name] === INNER.token) return next()
  const headers: Record<string, string> = { [INNER.name]: INNER.token }
  for (const name of ['authorization', 'cookie']) if (typeof req.headers[name] === 'string') headers[name] = req.headers[name]
  void (async () => {
    const security = await fetch(`${url}/${db}/_security`, { headers })
    const answer = (await security.json().catch(() => ({}))) as { reason?: unknown }
    if (security.status !== 401 || answer.reason !== 'You are not authorized to access this db.') return next()
    const session = (await (await fetch(`${url}/_session`, { headers })).json()) as { userCtx?: { name?: string | null } }
    const anonymous = (session.userCtx?.name ?? null) === null
    res.writeHead(anonymous ? 401 : 403, { 'content-type': 'application/json' })
    res.end(JSON.stringify(anonymous ? { error: 'unauthorized', reason: 'You are not authorized to access this db.' } : { error: 'forbidden', reason: 'You are not allowed to access this db.' }))
  })().catch(next)
}

/**
 * A longpoll `_changes` with no news ends after its `timeout` (CouchDB's default 60 s), as CouchDB
 * ends it: `{"results":[],"last_seq":…}`. express-pouchdb never ends one (it stops its heartbeats
 * and holds the answer open), so a live client's request ran into its own timeout every 30 s, was
 * reported offline and ran a whole round: the idle client's CPU of the benchmarks.
 */
function longpollEnds(req: Parameters<Handler>[0], res: Parameters<Handler>[1], next: Parameters<Handler>[2]): void {
  const target = new URL(req.url, 'http://server')
  if (!target.pathname.endsWith('/_changes') || target.searchParams.get('feed') !== 'longpoll') return next()
  const since = target.searchParams.get('since') ?? '0'
  const timer = setTimeout(() => {
    // An answer still being worked out, or already given, is left alone.
    if (!res.headersSent || res.writableEnded) return
    // Once the answer is out, closing the connection makes express-pouchdb cancel its feed and stop its heartbeat.
    res.end(`],\n"last_seq":${/^\d+$/.test(since) ? since : JSON.stringify(since)}}\n`, () => req.socket.end())
    // Until then they may still write: nothing more goes out.
    res.write = () => true
  }, Number(target.searchParams.get('timeout') ?? 60_000))
  res.on('close', () => clearTimeout(timer))
  next()
}

/**
 * Test-only, and only with TEAM_SERVER_TEST_FAULTS=1 (the team tests set it; never otherwise):
 * `POST /_test/faults {"match": "…", "count": N, "kind": "status500" | "reset"}` makes the next N
 * GET requests whose URL contains `match` fail, with a 500 answer or a connection cut before
 * any answer, so the tests can show what one failing page image does to a round;
 * `DELETE /_test/faults` ends them all.
 */
const faults: { match: string; count: number; kind: 'status500' | 'reset' }[] = []
function testFaults(req: Parameters<Handler>[0], res: Parameters<Handler>[1], next: Parameters<Handler>[2]): void {
  if (req.method === 'DELETE' && req.url === '/_test/faults') {
    faults.length = 0
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end('{"ok":true}')
    return
  }
  if (req.method === 'POST' && req.url === '/_test/faults') {
    let body = ''
    req.on('data', (chunk: Buffer) => void (body += chunk.toString()))
    req.on('end', () => {
      const fault = JSON.parse(body) as { match: string; count: number; kind: 'status500' | 'reset' }
      faults.push({ match: String(fault.match), count: Number(fault.count), kind: fault.kind === 'reset' ? 'reset' : 'status500' })
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"ok":true}')
    })
    return
  }
  const fault = req.method === 'GET' ? faults.find((candidate) => candidate.count > 0 && req.url.includes(candidate.match)) : undefined
  if (fault === undefined) return next()
  fault.count--
  if (fault.kind === 'reset') {
    req.socket.destroy()
    return
  }
  res.writeHead(500, { 'content-type': 'application/json' })
  res.end(JSON.stringify({ error: 'test_fault', reason: 'a fault the test asked for' }))
}

const server = app.listen(port, '127.0.0.1', () => {
  void (async () => {
    const address = server.address()
    const actual = typeof address === 'object' && address !== null ? address.port : port
    url = `http://127.0.0.1:${actual}`
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
