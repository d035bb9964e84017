import { formatId, type IdKind } from '../../common/model/ids'

/** A new record id made in the renderer (e.g. a section added in the editor). */
export function randomId(kind: IdKind): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8))
  return formatId(kind, [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join(''))
}
