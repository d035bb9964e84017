import { app, dialog, Menu, type MenuItemConstructorOptions } from 'electron'
import type { Translate } from './i18n'

export interface MenuActions {
  readonly import: () => void
  readonly backup: () => void
  readonly restore: () => void
  readonly team: () => void
}

/** The application menu, relabelled whenever the user changes language. */
export function installMenu(t: Translate, actions: MenuActions): void {
  const isMac = process.platform === 'darwin'
  const devTools: MenuItemConstructorOptions[] = app.isPackaged
    ? []
    : [
        { role: 'reload', label: t('menu.reload') },
        { role: 'toggleDevTools', label: t('menu.toggleDevTools') },
        { type: 'separator' },
      ]
  const template: MenuItemConstructorOptions[] = [
    ...(isMac
      ? [
          {
            label: app.name,
            submenu: [
              { label: t('menu.about'), click: () => showAbout(t) },
              { type: 'separator' },
              { role: 'hide', label: t('menu.hide') },
              { role: 'hideOthers', label: t('menu.hideOthers') },
              { role: 'unhide', label: t('menu.showAll') },
              { type: 'separator' },
              { role: 'quit', label: t('menu.quit') },
            ],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
    {
      label: t('menu.file'),
      submenu: [
        { label: t('menu.import'), accelerator: 'CmdOrCtrl+O', click: actions.import },
        { type: 'separator' },
        { label: t('menu.backup'), accelerator: 'CmdOrCtrl+Shift+B', click: actions.backup },
        { label: t('menu.restore'), click: actions.restore },
        { type: 'separator' },
        { label: t('menu.team'), click: actions.team },
        { type: 'separator' },
        isMac ? { role: 'close', label: t('menu.close') } : { role: 'quit', label: t('menu.quit') },
      ],
    },
    {
      label: t('menu.edit'),
      submenu: [
        { role: 'undo', label: t('menu.undo') },
        { role: 'redo', label: t('menu.redo') },
        { type: 'separator' },
        { role: 'cut', label: t('menu.cut') },
        { role: 'copy', label: t('menu.copy') },
        { role: 'paste', label: t('menu.paste') },
        { role: 'selectAll', label: t('menu.selectAll') },
      ],
    },
    {
      label: t('menu.view'),
      submenu: [
        ...devTools,
        { role: 'resetZoom', label: t('menu.resetZoom') },
        { role: 'zoomIn', label: t('menu.zoomIn') },
        { role: 'zoomOut', label: t('menu.zoomOut') },
        { type: 'separator' },
        { role: 'togglefullscreen', label: t('menu.toggleFullScreen') },
      ],
    },
    {
      label: t('menu.window'),
      submenu: [
        { role: 'minimize', label: t('menu.minimize') },
        { role: 'zoom', label: t('menu.zoom') },
        ...(isMac
          ? ([{ type: 'separator' }, { role: 'front', label: t('menu.front') }] satisfies MenuItemConstructorOptions[])
          : ([{ role: 'close', label: t('menu.close') }] satisfies MenuItemConstructorOptions[])),
      ],
    },
    {
      role: 'help',
      label: t('menu.help'),
      submenu: isMac ? [] : [{ label: t('menu.about'), click: () => showAbout(t) }],
    },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}

function showAbout(t: Translate): void {
  void dialog.showMessageBox({
    type: 'info',
    title: t('menu.about'),
    message: t('app.name'),
    detail: t('dialog.about.detail', { version: app.getVersion() }),
    buttons: [t('dialog.ok')],
  })
}
