import type { DamageKind } from '../../common/model/recovery'

/** Why a file could not be used, in the words the user will see (see recovery.*). */
export function classifyDamage(bytes: Buffer, parseError: unknown | null): DamageKind {
  if (bytes.length === 0) return 'empty'
  if (bytes.every((byte) => byte === 0)) return 'zero-filled'
  if (parseError === null) return 'invalid'
  const text = bytes.toString('utf8').trimEnd()
  const message = parseError instanceof Error ? parseError.message : ''
  // A JSON document cut short ends inside a value; JSON.parse says "Unexpected end" or
  // "Unterminated string", and the text does not end with a closing bracket.
  if (/unexpected end|unterminated/i.test(message) || !/[}\]]$/.test(text)) return 'truncated'
  return 'not-json'
}
