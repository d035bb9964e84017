import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../helpers'
import { contentTypeOf, rendererHeaders, resolveStaticPath } from '../../src/node/static-files'

describe('resolveStaticPath', async () => {
  const root = await tempDir('static-')

  it('maps paths inside the root, with / meaning index.html', () => {
    expect(resolveStaticPath(root, '/')).toBe(join(root, 'index.html'))
    expect(resolveStaticPath(root, '/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'))
    expect(resolveStaticPath(root, '/assets/t%C3%AAn.css')).toBe(join(root, 'assets', 'tên.css'))
  })

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/..%5csecret.txt',
    '/assets\\..\\..\\secret.txt',
    '/index.html%00.js',
    '/%E0%A4%A',
    '/..',
  ])('refuses %s', (path) => {
    expect(resolveStaticPath(root, path)).toBeNull()
  })
})

describe('renderer headers', () => {
  it('carry the CSP and a content type on every response', () => {
    const headers = rendererHeaders('/x/index.html', "default-src 'none'")
    expect(headers['content-security-policy']).toBe("default-src 'none'")
    expect(headers['content-type']).toBe('text/html; charset=utf-8')
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(contentTypeOf('font.woff2')).toBe('font/woff2')
    expect(contentTypeOf('unknown.bin')).toBe('application/octet-stream')
  })
})
