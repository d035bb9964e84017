import { execFile } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectTeam, initTeam } from '../../src/node/team/team-connection'
import { tempDir } from '../helpers'
import { createUser, makeServerAdmin, startTestServer, type TestServer } from './team-server'
import { PASSWORDS, teamLibrary } from './team-library'

const run = promisify(execFile)

/**
 * https with an embassy's own certificate authority: a test CA made with openssl signs a
 * certificate for 127.0.0.1, and a TLS proxy with that certificate stands in front of the test
 * server. The client trusts it only when given the CA's PEM; verification is never turned off.
 */
let server: TestServer
let proxy: https.Server
let httpsUrl: string
let caPem: string

beforeAll(async () => {
  server = await startTestServer()
  await createUser(server, 'bob', PASSWORDS['bob']!)
  await makeServerAdmin(server, 'alice', PASSWORDS['alice']!)
  const dir = await tempDir('team-ca-')
  const file = (name: string) => join(dir, name)
  await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '2', '-subj', '/CN=Embassy Test CA'])
  await run('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=127.0.0.1'])
  await writeFile(file('ext.cnf'), 'subjectAltName=IP:127.0.0.1\n')
  await run('openssl', ['x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-out', file('server.pem'), '-days', '2', '-extfile', file('ext.cnf')])
  caPem = await readFile(file('ca.pem'), 'utf8')
  const target = new URL(server.url)
  proxy = https.createServer({ key: await readFile(file('server.key')), cert: await readFile(file('server.pem')) }, (request, response) => {
    const forward = http.request({ host: target.hostname, port: target.port, path: request.url, method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(response)
    })
    forward.on('error', () => response.destroy())
    request.pipe(forward)
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  httpsUrl = `https://127.0.0.1:${(proxy.address() as AddressInfo).port}`
}, 90_000)

afterAll(async () => {
  proxy?.closeAllConnections()
  await new Promise((resolve) => proxy?.close(resolve))
  await server?.stop()
})

describe('team over https with an internal CA', { timeout: 90_000 }, () => {
  it('syncs when the CA is given, and refuses the server when it is not', async () => {
    const db = `tls-${process.pid}`
    const a = await teamLibrary('alice', { samples: true })
    const connected = await initTeam(a.service.libraryStore, { url: httpsUrl, db, user: 'alice', password: PASSWORDS['alice']!, ca: caPem }, ['bob'])
    expect(connected.insecure).toBe(false)
    await a.sync()

    const b = await teamLibrary('bob')
    await expect(connectTeam(b.service.libraryStore, { url: httpsUrl, db, user: 'bob', password: PASSWORDS['bob']! })).rejects.toMatchObject({ failure: 'tls', code: 'team.tlsUntrusted' })
    await connectTeam(b.service.libraryStore, { url: httpsUrl, db, user: 'bob', password: PASSWORDS['bob']!, ca: caPem })
    await b.sync()
    expect(await b.shared()).toEqual(await a.shared())
  })
})
