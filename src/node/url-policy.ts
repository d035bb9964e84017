/**
 * Which links may leave the app. The renderer never navigates anywhere; a link the user clicks
 * is offered to the operating system only when it parses as an absolute http, https or mailto
 * URL. Everything else (javascript:, file:, data:, custom schemes, relative or malformed URLs)
 * is refused.
 */
const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:'])

export function externalUrl(candidate: unknown): string | null {
  if (typeof candidate !== 'string' || candidate.length > 2048) return null
  let url: URL
  try {
    url = new URL(candidate)
  } catch {
    return null
  }
  if (!EXTERNAL_PROTOCOLS.has(url.protocol)) return null
  if (url.protocol !== 'mailto:' && url.hostname === '') return null
  // Credentials in a link are a classic disguise (https://trusted.example@evil.example).
  if (url.username !== '' || url.password !== '') return null
  return url.href
}
