import type { DossierSource } from '../../src/common/dossier/types'
import type { LanguageCode, PartialDate } from '../../src/common/model/article'

/** An article as the dossier reads it: its cleaned paragraphs, language and publication date. */
export function source(id: string, language: LanguageCode, published: PartialDate | null, paragraphs: readonly string[]): DossierSource {
  return { id, language, published, blocks: paragraphs.map((text) => ({ kind: 'paragraph', text })) }
}
