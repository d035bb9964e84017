import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { ROOT } from '../helpers'

/**
 * The team server for tests: `scripts/team-server.ts` started as a real child process on a free
 * loopback port with an admin, or, when COUCHDB_URL is set (e.g. http://admin:secret@127.0.0.1:5984),
 * that real Apache CouchDB 3 (its server admin from the URL's credentials, else from COUCHDB_USER
 * and COUCHDB_PASSWORD, the names the official container uses). Tests that stop, pause or
 * restart the server run only against the local one (`canControl`). docs/team.md#tests.
 */
export interface TestServer {
  readonly url: string
  readonly admin: { readonly user: string; readonly password: string }
  readonly canControl: boolean
  /** The server's process id (local server only). */
  readonly pid: () => number | undefined
  stop(): Promise<void>
  /** Starts it again on the same port (an in-memory server starts empty). */
  restart(): Promise<void>
  /** SIGSTOP / SIGCONT: the server keeps its port but answers nothing. */
  pause(): void
  resume(): void
  /** An HTTP request as the admin (creating users, writing hostile documents). */
  admin_(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>
}

const ADMIN = { user: 'admin', password: 'admin-test-secret' }

export async function startTestServer(): Promise<TestServer> {
  const external = process.env['COUCHDB_URL']
  if (external) {
    const parsed = new URL(external)
    const admin = {
      user: decodeURIComponent(parsed.username) || process.env['COUCHDB_USER'] || '',
      password: decodeURIComponent(parsed.password) || process.env['COUCHDB_PASSWORD'] || '',
    }
    if (admin.user === '') throw new Error('COUCHDB_URL names no admin: give http://USER:PASSWORD@host:port, or set COUCHDB_USER and COUCHDB_PASSWORD')
    // The credentials stay out of the URL the clients use (they bring their own).
    const url = `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`
    return server(url, admin, false, { current: null }, 0)
  }
  const port = await freePort()
  const holder: { current: ChildProcess | null } = { current: null }
  const url = await launch(port, holder)
  return server(url, ADMIN, true, holder, port)
}

function server(url: string, admin: { user: string; password: string }, canControl: boolean, holder: { current: ChildProcess | null }, port: number): TestServer {
  const auth = `Basic ${Buffer.from(`${admin.user}:${admin.password}`).toString('base64')}`
  return {
    url,
    admin,
    canControl,
    pid: () => holder.current?.pid,
    async stop() {
      const child = holder.current
      if (child === null || child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGCONT')
      child.kill('SIGTERM')
      await exited
      holder.current = null
    },
    async restart() {
      await this.stop()
      await launch(port, holder)
    },
    pause() {
      holder.current?.kill('SIGSTOP')
    },
    resume() {
      holder.current?.kill('SIGCONT')
    },
    async admin_(method, path, body) {
      const response = await fetch(url + path, { method, headers: { authorization: auth, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
      const text = await response.text()
      return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) }
    },
  }
}

async function launch(port: number, holder: { current: ChildProcess | null }): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/team-server.ts'), '--port', String(port), '--admin', ADMIN.user], {
    cwd: ROOT,
    env: { ...process.env, TEAM_SERVER_ADMIN_PASSWORD: ADMIN.password },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  holder.current = child
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    child.stderr!.on('data', (chunk: Buffer) => void (err += chunk.toString()))
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /team-server ready: (\S+)/.exec(out)
      if (match) resolve(match[1]!)
    })
    child.once('exit', (code) => reject(new Error(`team server exited (${code}): ${err}`)))
  })
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/**
 * Makes a user a server admin (creating a team database needs one, as in CouchDB). CouchDB 3
 * keeps its configuration per node (`/_node/_local/_config`); the test server has the 1.x
 * `/_config` only.
 */
export async function makeServerAdmin(server: TestServer, name: string, password: string): Promise<void> {
  const config = server.canControl ? '/_config' : '/_node/_local/_config'
  const response = await server.admin_('PUT', `${config}/admins/${encodeURIComponent(name)}`, password)
  if (response.status >= 300) throw new Error(`could not make ${name} an admin: ${JSON.stringify(response.body)}`)
}

/**
 * Creates a CouchDB user (an admin's job on the server), or, on a server that has them from an
 * earlier run (a real CouchDB keeps its users), gives them this password again.
 */
export async function createUser(server: TestServer, name: string, password: string): Promise<void> {
  const path = `/_users/org.couchdb.user:${encodeURIComponent(name)}`
  let response = await server.admin_('PUT', path, { name, password, roles: [], type: 'user' })
  if (response.status === 409) {
    const existing = await server.admin_('GET', path)
    response = await server.admin_('PUT', path, { ...(existing.body as object), password })
  }
  if (response.status >= 300) throw new Error(`could not create ${name}: ${JSON.stringify(response.body)}`)
}
