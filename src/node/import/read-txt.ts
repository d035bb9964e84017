import { textToSourceBlocks } from '../../common/agency/source-block'
import { emptyDraft, type ImportDraft } from './draft'
import { decodeOrThrow } from './reader-support'

/** .txt: decoded (see decode.ts), one block per non-empty line; the cleaner does the rest. */
export function readTxt(bytes: Uint8Array, file: string): ImportDraft {
  const { text, encoding } = decodeOrThrow(bytes, file)
  return emptyDraft('txt', encoding, textToSourceBlocks(text))
}
