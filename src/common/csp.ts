/**
 * The renderer's Content Security Policy, sent as a response header by the app:// protocol
 * handler and by the end-to-end harness's loopback server, so both modes run under one policy.
 *
 * Every directive is the strict default: scripts, styles and fonts come only from the app's own
 * origin; images may also be data: or blob: URLs (for pasted and imported pictures later); no
 * plugins, frames, forms or <base>. connect-src 'self' lets the renderer fetch its own assets.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-src 'none'",
  "form-action 'none'",
].join('; ')
