import { describe, expect, it } from 'vitest'
import { mayNavigate, mayRequest, mayUsePermission, WINDOW_OPEN_ACTION } from '../../src/node/navigation-policy'
import { externalUrl } from '../../src/node/url-policy'

const APP = 'app://briefing-desk'

describe('navigation policy', () => {
  it('lets the renderer move within the app only', () => {
    expect(mayNavigate('app://briefing-desk/index.html', APP)).toBe(true)
    expect(mayNavigate('app://briefing-desk/index.html#reader', APP)).toBe(true)
    for (const url of [
      'https://example.org/',
      'http://127.0.0.1:5173/',
      'file:///etc/passwd',
      'javascript:top.__canary=1',
      'data:text/html,<script>1</script>',
      'app://briefing-desk.evil/',
      'app://evil@briefing-desk.example/',
      'about:blank',
      'not a url',
      '',
    ]) {
      expect(mayNavigate(url, APP), url).toBe(false)
    }
  })

  it('recognises the app:// origin, which Node reports as "null"', () => {
    expect(new URL('app://briefing-desk/index.html').origin).toBe('null')
    expect(mayNavigate('app://briefing-desk/index.html', APP)).toBe(true)
    expect(mayNavigate('http://localhost:5173/index.html', 'http://localhost:5173')).toBe(true)
    expect(mayNavigate(undefined, APP)).toBe(false)
  })

  it('lets no request leave the app', () => {
    expect(mayRequest('app://briefing-desk/assets/index.js', APP)).toBe(true)
    for (const url of ['https://fonts.googleapis.com/css', 'http://canary.invalid/1', 'ws://127.0.0.1:9222/', 'wss://example.org/', 'http://localhost/']) {
      expect(mayRequest(url, APP), url).toBe(false)
    }
  })

  it('grants no permission and opens no window', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown']) {
      expect(mayUsePermission(permission)).toBe(false)
    }
    expect(WINDOW_OPEN_ACTION).toBe('deny')
  })

  it('offers only web and mail links to the operating system', () => {
    expect(externalUrl('https://www.vietnamplus.vn/')).toBe('https://www.vietnamplus.vn/')
    for (const url of ['javascript:alert(1)', 'file:///C:/Windows/System32/calc.exe', 'smb://server/share', 'ms-msdt:/id', 'https://trusted.example@evil.example/']) {
      expect(externalUrl(url), url).toBeNull()
    }
  })
})
