import type { Caption } from '../model/article'
import { knownAgency } from './known-agencies'

// The credit inside a caption: "(Ảnh: TTXVN phát)", "(Photo: VNA)", "Ảnh: Minh Đức/TTXVN" at
// the end, "(Foto: EFE)". Only the credit part is read; the caption's own words never name a source.
const CAPTION_CREDIT = /(?:^|[\s(])(?:ảnh|ảnh chụp|hình|nguồn ảnh|nguồn|photo|foto|source)\s*:\s*([^()]{1,80}?)\)?\s*$/iu

/**
 * The agency a photo credit names, or null. A credit may name a photographer and an agency
 * ("Minh Đức/TTXVN", "Reuters/Nguyễn Văn A"); the agency is the part that is a known one.
 */
export function captionCreditAgency(caption: string): string | null {
  const credit = CAPTION_CREDIT.exec(caption.trim())?.[1]
  if (credit === undefined) return null
  for (const part of credit.split(/\s*[/,–-]\s*/u)) {
    const agency = knownAgency(part)
    if (agency !== null) return agency
  }
  return null
}

/**
 * A source proposed for an article whose text names none (no credit line, no dateline, no
 * metadata): the agency its photo captions credit, when they agree on one. Agency pages copied
 * without their header keep those captions, as in a paste that starts with the date and a
 * caption "(Ảnh: TTXVN phát)". Captions crediting different agencies propose nothing.
 */
export function proposeSource(captions: readonly Caption[]): string | null {
  const agencies = new Set(captions.map((caption) => captionCreditAgency(caption.text)).filter((agency) => agency !== null))
  return agencies.size === 1 ? [...agencies][0]! : null
}
