import type { MessageKey } from '../i18n/en'

/**
 * What the reader and `team status` say of a page image the team has not delivered
 * (docs/team.md#page-images). Common to both sides, so the limit in the message is the one enforced.
 */

/** A page image kept by OCR is a few hundred KB (150 dpi grey WebP); anything above this is refused unread. */
export const MAX_PAGE_IMAGE_BYTES = 8 * 1024 * 1024
export const MAX_PAGE_IMAGE_MB = MAX_PAGE_IMAGE_BYTES / 1024 / 1024

export type NotReceivedReasonKey = 'team.pageImage.tooLarge' | 'team.pageImage.missing' | 'team.pageImage.notImage' | 'team.pageImage.wrongDigest' | 'team.pageImage.failed'

/**
 * The reason alone (params: `type`, `max`), for a sentence that already says which page and what
 * happens next: the full `team.pageImage.*` texts (sync log, skipped list) say both themselves.
 */
export const NOT_RECEIVED_REASON_ONLY: Readonly<Record<NotReceivedReasonKey, MessageKey>> = {
  'team.pageImage.tooLarge': 'team.pageImageReason.tooLarge',
  'team.pageImage.missing': 'team.pageImageReason.missing',
  'team.pageImage.notImage': 'team.pageImageReason.notImage',
  'team.pageImage.wrongDigest': 'team.pageImageReason.wrongDigest',
  'team.pageImage.failed': 'team.pageImageReason.failed',
}
