/**
 * The file and confirmation dialogs a service method may need, provided by the transport: native
 * dialogs in the Electron app, scripted answers in the end-to-end harness. The service decides
 * what to ask; the port only asks. A null path means the user cancelled.
 */
export interface FileFilter {
  readonly name: string
  readonly extensions: readonly string[]
}

export interface DialogPort {
  chooseSaveFile(request: { readonly title: string; readonly defaultName: string; readonly filters: readonly FileFilter[] }): Promise<string | null>
  chooseOpenFile(request: { readonly title: string; readonly filters: readonly FileFilter[] }): Promise<string | null>
  confirm(request: { readonly title: string; readonly message: string; readonly detail: string; readonly confirmLabel: string; readonly cancelLabel: string }): Promise<boolean>
  /**
   * Several files, or several folders (native dialogs cannot offer both at once on Windows and
   * Linux). Null or empty: cancelled. Optional so that hosts written before import keep working;
   * a host without it cancels.
   */
  chooseOpenPaths?(request: { readonly title: string; readonly filters: readonly FileFilter[]; readonly folders: boolean }): Promise<string[] | null>
}

/** For hosts with no dialogs at all (the CLI): every request is cancelled. */
export const NO_DIALOGS: DialogPort = {
  chooseSaveFile: async () => null,
  chooseOpenFile: async () => null,
  confirm: async () => false,
  chooseOpenPaths: async () => null,
}
