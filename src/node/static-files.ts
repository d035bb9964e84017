import { isAbsolute, relative, resolve, sep } from 'node:path'

/**
 * Maps a URL path to a file inside `root`, or null when it would escape it. Used by the app://
 * protocol handler and by the harness's loopback server, so both refuse the same requests:
 * percent-encoded traversal (%2e%2e%2f), backslashes, NUL bytes, absolute paths.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const relativePath = decoded.replace(/^\/+/, '') || 'index.html'
  if (isAbsolute(relativePath)) return null
  const base = resolve(root)
  const target = resolve(base, relativePath)
  const fromRoot = relative(base, target)
  if (fromRoot === '' || fromRoot.startsWith('..') || isAbsolute(fromRoot) || fromRoot.split(sep).includes('..')) return null
  return target
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
}

export function contentTypeOf(path: string): string {
  const dot = path.lastIndexOf('.')
  return (dot >= 0 && CONTENT_TYPES[path.slice(dot).toLowerCase()]) || 'application/octet-stream'
}

/** Headers for every renderer response, in the app and in the harness. */
export function rendererHeaders(path: string, csp: string): Record<string, string> {
  return {
    'content-type': contentTypeOf(path),
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  }
}
