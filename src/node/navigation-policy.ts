/**
 * What the renderer may do besides showing the app, as pure decisions over URLs, so that they can
 * be tested without Electron. electron/main/security.ts applies them to every web contents.
 */

/** The renderer stays on the app's origin: any other navigation is cancelled. */
export function mayNavigate(url: string | undefined, appOrigin: string): boolean {
  return originOf(url) === appOrigin
}

/** Web requests (http, https, ws, wss) go only to the app's origin: nothing leaves the machine. */
export function mayRequest(url: string, appOrigin: string): boolean {
  return originOf(url) === appOrigin
}

/** No permission is ever granted: camera, microphone, notifications, geolocation, clipboard read... */
export function mayUsePermission(_permission: string): false {
  return false
}

/** The app opens no window of its own from page content: window.open and target=_blank are denied. */
export const WINDOW_OPEN_ACTION = 'deny' as const

/**
 * scheme://host[:port]. Not URL.origin: Node's URL (the main process's) gives "null" as the origin
 * of every non-special scheme, app:// included, so an origin check would refuse the app itself.
 */
export function originOf(url: string | undefined): string | null {
  if (url === undefined) return null
  try {
    const parsed = new URL(url)
    if (parsed.host === '' || parsed.username !== '' || parsed.password !== '') return null
    return `${parsed.protocol}//${parsed.host}`
  } catch {
    return null
  }
}
