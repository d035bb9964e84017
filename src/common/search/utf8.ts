/**
 * UTF-8 for the saved index (binary-index.ts). src/common sees no DOM or Node types, but every
 * runtime it runs in (Node, Electron, Chromium) has the WHATWG TextEncoder and TextDecoder:
 * they are looked up on globalThis with the one method each that is used, and are native, so a
 * long text is converted at memory speed.
 */
interface Utf8Codec {
  encode(text: string): Uint8Array
  decode(bytes: Uint8Array): string
}

let codec: Utf8Codec | null = null

function utf8(): Utf8Codec {
  if (codec !== null) return codec
  const scope = globalThis as unknown as {
    TextEncoder?: new () => { encode(text: string): Uint8Array }
    TextDecoder?: new (label: string, options: { fatal: boolean }) => { decode(bytes: Uint8Array): string }
  }
  if (scope.TextEncoder === undefined || scope.TextDecoder === undefined) throw new Error('this runtime has no TextEncoder/TextDecoder')
  const encoder = new scope.TextEncoder()
  // fatal: damaged bytes throw instead of turning into U+FFFD silently.
  const decoder = new scope.TextDecoder('utf-8', { fatal: true })
  codec = { encode: (text) => encoder.encode(text), decode: (bytes) => decoder.decode(bytes) }
  return codec
}

export function encodeUtf8(text: string): Uint8Array {
  return utf8().encode(text)
}

/** Decodes bytes[from, to); throws on bytes that are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array, from = 0, to = bytes.length): string {
  return utf8().decode(bytes.subarray(from, to))
}
