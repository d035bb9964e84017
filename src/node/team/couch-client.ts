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

/**
 * The server did not answer, its certificate was not trusted, it refused the credentials, or it
 * refused the request. Each failure is a catalogue message (en + vi) naming the server; the
 * params carry only language-neutral details (an error code, a database name, seconds), never
 * the server's English prose for the cases a user meets, and never the credentials.
 */
export type CouchFailure = 'unreachable' | 'tls' | 'timeout' | 'unauthorized' | 'forbidden' | 'notMember' | 'notFound' | 'server'

/** The catalogue message of a failure: `team.<failure>` unless a more precise one applies. */
type CouchErrorCode = `team.${CouchFailure}` | 'team.connectionRefused' | 'team.unknownHost' | 'team.tlsUntrusted' | 'team.tlsExpired' | 'team.tlsName'

export class CouchError extends AppError {
  readonly failure: CouchFailure
  readonly status: number
  constructor(failure: CouchFailure, status: number, params: { server: string; reason: string }, code: CouchErrorCode = `team.${failure}`) {
    super(code, params)
    this.failure = failure
    this.status = status
  }
}

/** Node's network error codes that say why a server could not be reached, by catalogue message. */
const NETWORK_CODES: Readonly<Record<string, CouchErrorCode>> = {
  ECONNREFUSED: 'team.connectionRefused',
  ENOTFOUND: 'team.unknownHost',
  EAI_AGAIN: 'team.unknownHost',
}

/** TLS verification failures (OpenSSL's codes, as Node gives them), by catalogue message. */
const TLS_CODES: Readonly<Record<string, CouchErrorCode>> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'team.tlsUntrusted',
  UNABLE_TO_GET_ISSUER_CERT: 'team.tlsUntrusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'team.tlsUntrusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'team.tlsUntrusted',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'team.tlsUntrusted',
  CERT_UNTRUSTED: 'team.tlsUntrusted',
  CERT_SIGNATURE_FAILURE: 'team.tlsUntrusted',
  CERT_HAS_EXPIRED: 'team.tlsExpired',
  CERT_NOT_YET_VALID: 'team.tlsExpired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'team.tlsName',
}

/** The error a request that got no answer ends with (exported for tests of the mapping). */
export function networkFailure(server: string, error: Error): CouchError {
  if (error.name === 'AbortError') return new CouchError('unreachable', 0, { server, reason: 'ABORTED' })
  const raw = (error as { code?: unknown }).code
  const code = typeof raw === 'string' ? raw : error.name
  const tls = TLS_CODES[code]
  if (tls !== undefined) return new CouchError('tls', 0, { server, reason: code }, tls)
  // Any other TLS failure (a protocol mismatch, such as https to a plain-http port).
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code === 'EPROTO') return new CouchError('tls', 0, { server, reason: code })
  return new CouchError('unreachable', 0, { server, reason: code }, NETWORK_CODES[code])
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
            accept: options.accept ?? 'application/json',
            authorization: this.#auth,
            ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          },
          ...(options.signal ? { signal: options.signal } : {}),
        },
        (response) => {
          const chunks: Buffer[] = []
          let received = 0
          response.on('data', (chunk: Buffer) => {
            received += chunk.length
            // An answer over its bound is cut off as it comes, never held whole (team page images).
            if (options.maxBytes !== undefined && received > options.maxBytes) {
              clearTimeout(timer)
              request.destroy()
              reject(new AnswerTooLarge(options.maxBytes))
              return
            }
            chunks.push(chunk)
          })
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
              reject(new CouchError('server', response.statusCode ?? 0, { server: this.url, reason: `HTTP ${response.statusCode}` }))
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

  /**
   * A refusal as a catalogue message. A 401 says only that the name or password was refused (the
   * server's English reason stays out of a Vietnamese window); a 403 keeps the server's reason,
   * which for a write is the `validate_doc_update` rule that refused it; others name the HTTP
   * status and CouchDB's error token.
   */
  failure(response: CouchResponse<unknown>): CouchError {
    const body = (response.body ?? {}) as { error?: unknown; reason?: unknown }
    const token = typeof body.error === 'string' && /^[a-z_]{1,40}$/.test(body.error) ? ` ${body.error}` : ''
    const server = this.url
    if (response.status === 401) return new CouchError('unauthorized', 401, { server, reason: 'HTTP 401' })
    if (response.status === 403) return new CouchError('forbidden', 403, { server, reason: typeof body.reason === 'string' && body.reason !== '' ? body.reason.slice(0, 300) : `HTTP 403${token}` })
    return new CouchError(response.status === 404 ? 'notFound' : 'server', response.status, { server, reason: `HTTP ${response.status}${token}` })
  }

  close(): void {
    this.#agent.destroy()
  }

  #unreachable(error: Error): CouchError {
    return networkFailure(this.url, error)
  }
}

class StaleSocket extends Error {}

/** An answer longer than the request's `maxBytes`: cut off, not read further. */
export class AnswerTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`the answer is longer than ${maxBytes} bytes`)
  }
}

export interface RequestOptions {
  readonly timeoutMs?: number
  readonly signal?: AbortSignal
  /** Resolve a successful answer (status below 400) with its bytes, unparsed (`body` is then a Buffer). */
  readonly raw?: boolean
  /** Reject with AnswerTooLarge as soon as the answer's body passes this many bytes. */
  readonly maxBytes?: number
  /** The Accept header (default application/json; an attachment is asked for as its own type). */
  readonly accept?: string
}

/** A database's path segment (CouchDB names: lowercase letter first, then [a-z0-9_$()+/-]). */
export function dbPath(db: string): string {
  return `/${encodeURIComponent(db)}`
}

export const DB_NAME_PATTERN = /^[a-z][a-z0-9_$()+/-]{0,237}$/
