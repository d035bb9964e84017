import { describe, expect, it } from 'vitest'
import { renderMarkdownInNode, sanitizeHtmlInNode } from '../../src/node/markdown'
import { PAYLOADS } from '../fixtures/security/payloads'
import { unsafeParts } from './unsafe-parts'

/**
 * The whole corpus through the Node side of the sanitiser (what exports use), checked on the
 * parsed result. The same corpus runs through the renderer's sanitiser in Chromium in
 * e2e/xss.spec.ts, where a payload that ran would also set the canary.
 */
describe('the sanitiser in Node, on the whole payload corpus', () => {
  it('has at least 150 vectors, each with a unique id', () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(150)
    expect(new Set(PAYLOADS.map((payload) => payload.id)).size).toBe(PAYLOADS.length)
  })

  it.each(PAYLOADS.map((payload) => [payload.id, payload] as const))('renderMarkdownInNode leaves nothing that runs or fetches: %s', (_id, payload) => {
    expect(unsafeParts(renderMarkdownInNode(payload.source))).toEqual([])
  })

  it.each(PAYLOADS.filter((payload) => payload.kind === 'html').map((payload) => [payload.id, payload] as const))('sanitizeHtmlInNode leaves nothing that runs or fetches: %s', (_id, payload) => {
    const once = sanitizeHtmlInNode(payload.source)
    expect(unsafeParts(once)).toEqual([])
    // Serialised and parsed again (mutation XSS lives in that round trip), still nothing.
    expect(unsafeParts(sanitizeHtmlInNode(once))).toEqual([])
  })
})
