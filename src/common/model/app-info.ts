/** What the UI may know about the running app. */
export interface AppInfo {
  readonly name: string
  readonly version: string
  /** 'electron' in the desktop app; 'browser' when the renderer runs in Chromium through the harness. */
  readonly shell: 'electron' | 'browser'
  /** The folder holding the library, shown to the user so they know where their work lives. */
  readonly libraryDir: string
  /** The operating system's preferred language (BCP 47), for `settings.locale === null`. */
  readonly systemLocale: string
}
