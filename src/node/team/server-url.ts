import { isIP } from 'node:net'
import { AppError } from '../../common/errors'

/**
 * Which team server addresses are accepted: https anywhere (verification stays on; an internal CA
 * is given as a PEM file), plain http only for loopback and private-LAN addresses (RFC 1918,
 * unique-local IPv6, `localhost`, `*.local`), where it is accepted with a warning: on a shared
 * network a password sent over http can be read by anyone on it.
 */
export interface CheckedServerUrl {
  /** The root URL without a trailing slash, credentials, query or fragment. */
  readonly url: string
  /** True when the connection is plain http (the caller shows the warning). */
  readonly insecure: boolean
}

export function checkServerUrl(text: string): CheckedServerUrl {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new AppError('team.badUrl', { url: text.slice(0, 200), reason: 'not a URL' })
  }
  if (url.username !== '' || url.password !== '') throw new AppError('team.badUrl', { url: `${url.protocol}//${url.host}`, reason: 'credentials in the URL' })
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AppError('team.badUrl', { url: text.slice(0, 200), reason: `${url.protocol} is not http or https` })
  if (url.search !== '' || url.hash !== '') throw new AppError('team.badUrl', { url: text.slice(0, 200), reason: 'a query or fragment' })
  const root = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`
  if (url.protocol === 'https:') return { url: root, insecure: false }
  if (!isLocalHost(url.hostname)) throw new AppError('team.httpNotLocal', { url: root })
  return { url: root, insecure: true }
}

export function isLocalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.lan')) return true
  const version = isIP(host)
  if (version === 4) {
    const [a, b] = host.split('.').map(Number) as [number, number]
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)
  }
  if (version === 6) return host === '::1' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host)
  return false
}
