import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { ROOT } from '../helpers'

/**
 * The team server for tests: `scripts/team-server.ts` started as a real child process on a free
 * loopback port with an admin, or, when COUCHDB_URL is set (e.g. http://admin:secret@127.0.0.1:5984),
 * that real Apache CouchDB (its admin from the URL's credentials). Tests that stop, pause or
 * restart the server run only against the local one (`canControl`).
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
    const admin = { user: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) }
    const url = `${parsed.protocol}//${parsed.host}`
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

/** Makes a user a server admin (creating a team database needs one, as in CouchDB). */
export async function makeServerAdmin(server: TestServer, name: string, password: string): Promise<void> {
  const response = await server.admin_('PUT', `/_config/admins/${encodeURIComponent(name)}`, password)
  if (response.status >= 300) throw new Error(`could not make ${name} an admin: ${JSON.stringify(response.body)}`)
}

/** Creates a CouchDB user (an admin's job on the server). */
export async function createUser(server: TestServer, name: string, password: string): Promise<void> {
  const response = await server.admin_('PUT', `/_users/org.couchdb.user:${encodeURIComponent(name)}`, { name, password, roles: [], type: 'user' })
  if (response.status >= 300 && response.status !== 409) throw new Error(`could not create ${name}: ${JSON.stringify(response.body)}`)
}
