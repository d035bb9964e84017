import { basename } from 'node:path'

/**
 * The title of a save dialog. Linux's desktop portal (GNOME, KDE under Flatpak or with
 * GTK_USE_PORTAL) ignores Electron's defaultPath, so the file name the app suggests would never
 * reach the user there: on Linux it is shown in the title as well.
 */
export function saveDialogTitle(title: string, defaultName: string, platform: NodeJS.Platform): string {
  const name = basename(defaultName)
  return platform === 'linux' && name !== '' ? `${title} — ${name}` : title
}
