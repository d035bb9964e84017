import { app, BrowserWindow, dialog, session, shell, type WebContents } from 'electron'
import { mayNavigate, mayUsePermission, WINDOW_OPEN_ACTION } from '../../src/node/navigation-policy'
import { externalUrl } from '../../src/node/url-policy'
import { mayRequestFromApp, rendererOrigin } from './app-origin'
import type { Translate } from './i18n'

/**
 * Hardening that applies to every web contents the app ever creates: no navigation away from
 * the app, no new windows, no <webview>, no permissions, no network. A link the user follows is
 * offered to the operating system's browser after confirmation, and only for http(s)/mailto.
 */
export function hardenAllWebContents(t: Translate): void {
  app.on('web-contents-created', (_event, contents) => {
    // The URL from the event itself: will-navigate's positional url argument is deprecated.
    contents.on('will-navigate', (event) => {
      if (mayNavigate(event.url, rendererOrigin())) return
      event.preventDefault()
      void offerExternal(contents, event.url, t)
    })
    contents.on('will-redirect', (event) => {
      if (!mayNavigate(event.url, rendererOrigin())) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      void offerExternal(contents, url, t)
      return { action: WINDOW_OPEN_ACTION }
    })
  })
}

export function lockDownSession(): void {
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(mayUsePermission(permission)))
  ses.setPermissionCheckHandler((_contents, permission) => mayUsePermission(permission))
  ses.setDevicePermissionHandler(() => false)
  // Nothing leaves the machine: cancel every network request except to the dev server (and its
  // hot-reload socket) in `npm run dev`.
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (details, callback) => {
    callback({ cancel: !mayRequestFromApp(details.url) })
  })
}

async function offerExternal(contents: WebContents, candidate: string, t: Translate): Promise<void> {
  const url = externalUrl(candidate)
  if (url === null) return
  const options = {
    type: 'question' as const,
    title: t('dialog.externalLink.title'),
    message: t('dialog.externalLink.message'),
    detail: url,
    buttons: [t('dialog.externalLink.open'), t('dialog.externalLink.cancel')],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  }
  const window = BrowserWindow.fromWebContents(contents)
  const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options)
  if (response === 0) await shell.openExternal(url)
}
