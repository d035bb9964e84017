/**
 * The renderer's Content Security Policy, sent as a response header by the app:// protocol
 * handler, by the browser shell's loopback server, and (in `npm run dev`) by Vite's dev server,
 * so every mode runs under one policy.
 *
 * Every directive is the strict default: scripts, styles and fonts come only from the app's own
 * origin; images may also be data: or blob: URLs (for pasted and imported pictures later); no
 * plugins, frames, forms or <base>. connect-src 'self' lets the renderer fetch its own assets.
 */
export interface DevServerPolicy {
  /** Vite's hot-reload socket, e.g. ws://localhost:5173. */
  readonly socketOrigin: string
  /** The nonce Vite puts on the <style> elements it injects while developing (html.cspNonce). */
  readonly styleNonce: string
}

/**
 * The policy; in development only, two additions and nothing else: the dev server's socket (hot
 * reload) and Vite's nonce-marked injected styles (a built app has style files instead).
 */
export function contentSecurityPolicy(dev?: DevServerPolicy): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    dev ? `style-src 'self' 'nonce-${dev.styleNonce}'` : "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    dev ? `connect-src 'self' ${dev.socketOrigin}` : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-src 'none'",
    "form-action 'none'",
  ].join('; ')
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy()
