import { ipcMain } from 'electron'
import { apiMethodNames, ipcChannel } from '../../src/common/api-methods'
import { fail } from '../../src/common/errors'
import type { Dispatch } from '../../src/node/dispatch'
import { isAppUrl } from './app-origin'

/**
 * Binds every API method to its own channel. A call is served only when it comes from the app's
 * own page (the sender frame's URL has the app origin); its input is then parsed by the
 * dispatcher with the contract's schema. Results are plain `{ ok, value } | { ok: false, error }`.
 */
export function bindApi(dispatch: Dispatch): void {
  for (const name of apiMethodNames) {
    ipcMain.handle(ipcChannel(name), (event, input: unknown) => {
      if (!isAppUrl(event.senderFrame?.url)) return fail('api.untrustedSender')
      return dispatch(name, input)
    })
  }
}
