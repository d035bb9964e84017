import { describe, expect, it } from 'vitest'
import type { RecoveryEvent } from '../../src/common/model/recovery'
import { describeRecovery } from '../../src/common/recovery-messages'

/** The sentences the app's notice and the CLI's warnings give for the second copy's repairs, in both languages. */
const base = { restoredFrom: null, lost: null } as const
const titleOf = () => 'Bitel đầu tư 600 triệu USD'

describe('describeRecovery', () => {
  it('a file restored from its second copy: nothing is missing, and where the damage was kept', () => {
    const event: RecoveryEvent = { ...base, file: 'tags.json', damage: 'truncated', keptAs: 'tags.json.corrupt-x', outcome: 'copy' }
    expect(describeRecovery(event, 'en', titleOf)).toBe(
      'tags.json was damaged (it was cut short) and has been restored from its second copy; nothing is missing. The damaged file was kept as tags.json.corrupt-x.',
    )
    expect(describeRecovery(event, 'vi', titleOf)).toBe(
      'tags.json bị hỏng (tệp bị cắt cụt) và đã được khôi phục từ bản sao thứ hai; không thiếu gì. Tệp hỏng được giữ lại với tên tags.json.corrupt-x.',
    )
  })

  it('a deleted file, a damaged second copy, a read-only answer and an unfinished journal', () => {
    const deleted: RecoveryEvent = { ...base, file: 'settings.json', damage: 'missing', keptAs: '', outcome: 'copy' }
    expect(describeRecovery(deleted, 'en', titleOf)).toBe('settings.json was missing from the library folder and has been restored from its second copy; nothing is missing.')
    const copy: RecoveryEvent = { ...base, file: 'mirror/library.json', damage: 'zero-filled', keptAs: 'mirror/library.json.corrupt-x', outcome: 'recopied' }
    expect(describeRecovery(copy, 'vi', titleOf)).toContain('Bản sao thứ hai mirror/library.json bị hỏng (tệp toàn byte 0)')
    const readOnly: RecoveryEvent = { ...base, file: 'library.json', damage: 'empty', keptAs: '', outcome: 'copy', readOnly: true }
    expect(describeRecovery(readOnly, 'en', titleOf)).toBe(
      'library.json is damaged (it was empty); its second copy (nothing is missing) was read instead. Nothing was changed: the file is repaired the next time the library is opened for changes (by the app, or by a command that writes).',
    )
    const journal: RecoveryEvent = { ...base, file: 'journal.json', damage: 'not-json', keptAs: 'journal.json.corrupt-x', outcome: 'lost', lost: 'journal' }
    expect(describeRecovery(journal, 'en', titleOf)).toContain('a change that was being saved when the app stopped and had not been confirmed could not be recovered')
  })
})
