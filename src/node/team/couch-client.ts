import http from 'node:http'
import https from 'node:https'
import { AppError } from '../../common/errors'

/**
 * A small client for CouchDB's HTTP API over node:http/https: JSON in, JSON out, basic
 * authentication, an optional certificate authority (an embassy's own CA, as PEM) so that
 * verification stays on. The password lives in this object only: it is never put in a message,
 * a log line or a file, and errors name the server and the reason, never the credentials.
 */
export interface CouchCredentials {
  readonly user: string
  readonly password: string
}

export interface CouchOptions {
  /** Server root, e.g. https://couch.embassy.lan:6984 (no credentials in it). */
  readonly url: string
  readonly credentials: CouchCredentials
  /** PEM text of a certificate authority to trust besides the system's. */
  readonly ca?: string
  /** Give up on a request after this many ms without an answer (default 30 s). */
  readonly timeoutMs?: number
}

export interface CouchResponse<T> {
  readonly status: number
  readonly body: T
  /** The size of the answer's body in bytes (sync sizes its pages by it). */
  readonly bytes?: number
}

/** The server did not answer, refused the credentials, or refused the request. */
export type CouchFailure = 'unreachable' | 'timeout' | 'unauthorized' | 'forbidden' | 'notMember' | 'notFound' | 'server'

export class CouchError extends AppError {
  readonly failure: CouchFailure
  readonly status: number
  constructor(failure: CouchFailure, status: number, params: { server: string; reason: string }) {
    super(`team.${failure}`, params)
    this.failure = failure
    this.status = status
  }
}

export const DEFAULT_TIMEOUT_MS = 30_000

export class CouchClient {
  readonly url: string
  readonly user: string
  readonly #auth: string
  readonly #ca: string | undefined
  readonly #timeoutMs: number
  readonly #agent: http.Agent

  constructor(options: CouchOptions) {
    this.url = options.url.replace(/\/+$/, '')
    this.user = options.credentials.user
    this.#auth = `Basic ${Buffer.from(`${options.credentials.user}:${options.credentials.password}`).toString('base64')}`
    this.#ca = options.ca
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    const secure = this.url.startsWith('https:')
    this.#agent = secure ? new https.Agent({ keepAlive: true, maxSockets: 4, ...(this.#ca ? { ca: this.#ca } : {}) }) : new http.Agent({ keepAlive: true, maxSockets: 4 })
  }

  /** Sends one request; resolves with any HTTP status (callers decide), rejects only when no answer came. */
  async request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<CouchResponse<T>> {
    try {
      return await this.#send<T>(method, path, body, options)
    } catch (error) {
      // A kept-alive socket the server had closed meanwhile: the request never reached it; once more on a new one.
      if (error instanceof StaleSocket) return this.#send<T>(method, path, body, options)
      throw error
    }
  }

  #send<T>(method: string, path: string, body: unknown, options: RequestOptions): Promise<CouchResponse<T>> {
    const target = new URL(this.url + path)
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body))
    const transport = target.protocol === 'https:' ? https : http
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs
    return new Promise((resolve, reject) => {
      const request = transport.request(
        target,
        {
          method,
          agent: this.#agent,
          headers: {
            accept: 'application/json',
            authorization: this.#auth,
            ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          },
          ...(options.signal ? { signal: options.signal } : {}),
        },
        (response) => {
          const chunks: Buffer[] = []
          response.on('data', (chunk: Buffer) => chunks.push(chunk))
          response.on('error', (error) => reject(this.#unreachable(error)))
          response.on('end', () => {
            clearTimeout(timer)
            const bytes = Buffer.concat(chunks)
            // Raw: a successful answer's bytes as they came (team sync parses pages in a worker).
            if (options.raw === true && (response.statusCode ?? 0) < 400) return resolve({ status: response.statusCode ?? 0, body: bytes as T, bytes: bytes.length })
            const text = bytes.toString('utf8')
            let parsed: unknown = null
            try {
              parsed = text === '' ? null : JSON.parse(text)
            } catch {
              reject(new CouchError('server', response.statusCode ?? 0, { server: this.url, reason: `not JSON (HTTP ${response.statusCode})` }))
              return
            }
            resolve({ status: response.statusCode ?? 0, body: parsed as T, bytes: bytes.length })
          })
        },
      )
      // Not an idle-socket timeout (a longpoll sends heartbeats): the whole answer must come in time.
      const timer = setTimeout(() => {
        request.destroy()
        reject(new CouchError('timeout', 0, { server: this.url, reason: `${Math.round(timeoutMs / 1000)} s` }))
      }, timeoutMs)
      request.on('error', (error) => {
        clearTimeout(timer)
        const code = (error as { code?: unknown }).code
        if (request.reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE')) reject(new StaleSocket())
        else reject(this.#unreachable(error))
      })
      if (payload) request.write(payload)
      request.end()
    })
  }

  /** Like request(), but a status of 400 and above becomes a CouchError naming the server's reason. */
  async ok<T>(method: string, path: string, body?: unknown, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<T> {
    const response = await this.request<T>(method, path, body, options)
    if (response.status >= 400) throw this.failure(response)
    return response.body
  }

  failure(response: CouchResponse<unknown>): CouchError {
    const body = (response.body ?? {}) as { error?: unknown; reason?: unknown }
    const reason = [body.error, body.reason].filter((part) => typeof part === 'string' && part !== '').join(': ').slice(0, 300) || `HTTP ${response.status}`
    const failure: CouchFailure = response.status === 401 ? 'unauthorized' : response.status === 403 ? 'forbidden' : response.status === 404 ? 'notFound' : 'server'
    return new CouchError(failure, response.status, { server: this.url, reason })
  }

  close(): void {
    this.#agent.destroy()
  }

  #unreachable(error: Error): CouchError {
    if (error.name === 'AbortError') return new CouchError('unreachable', 0, { server: this.url, reason: 'stopped' })
    const code = (error as { code?: unknown }).code
    return new CouchError('unreachable', 0, { server: this.url, reason: typeof code === 'string' ? code : error.message })
  }
}

class StaleSocket extends Error {}

export interface RequestOptions {
  readonly timeoutMs?: number
  readonly signal?: AbortSignal
  /** Resolve a successful answer (status below 400) with its bytes, unparsed (`body` is then a Buffer). */
  readonly raw?: boolean
}

/** A database's path segment (CouchDB names: lowercase letter first, then [a-z0-9_$()+/-]). */
export function dbPath(db: string): string {
  return `/${encodeURIComponent(db)}`
}

export const DB_NAME_PATTERN = /^[a-z][a-z0-9_$()+/-]{0,237}$/
