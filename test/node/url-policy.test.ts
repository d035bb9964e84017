import { describe, expect, it } from 'vitest'
import { externalUrl } from '../../src/node/url-policy'

describe('externalUrl', () => {
  it.each([
    ['https://vietnamplus.vn/bai-viet', 'https://vietnamplus.vn/bai-viet'],
    ['http://example.org', 'http://example.org/'],
    ['mailto:desk@example.org', 'mailto:desk@example.org'],
  ])('lets %s out', (candidate, expected) => {
    expect(externalUrl(candidate)).toBe(expected)
  })

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'app://briefing-desk/index.html',
    'vbscript:msgbox',
    '/relative/path',
    'not a url',
    'https://trusted.example@evil.example/',
    '',
    42,
    `https://example.org/${'a'.repeat(3000)}`,
  ])('refuses %s', (candidate) => {
    expect(externalUrl(candidate)).toBeNull()
  })
})
