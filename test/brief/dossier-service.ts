import type { Brief, EventRow, PersonRow } from '../../src/common/model/brief'
import { BriefingService } from '../../src/node/service'
import { SAMPLES_DIR } from '../helpers'
import type { Highlight } from '../themes/library'

/**
 * What the tests of a brief's dossier sections share: highlights on the sample articles (on the
 * theme such a brief is drafted from), the real service opened on a library with its save dialog
 * answering a given file, and a brief's rows by section kind. Services opened here are closed by
 * `closeServices` (call it after each test).
 */
export const CONSULTATION: Highlight = { article: 'Tham vấn chính trị', quote: 'Ngày 3/10, tại thủ đô Lima', tags: ['High-level visits'] }
export const VISIT: Highlight = { article: '600 triệu USD', quote: 'Đại sứ Phạm Thị Kim Hoa đã thăm và làm việc tại Peru', tags: ['High-level visits'] }
export const BITEL: Highlight = { article: 'Bitel brings free internet', quote: 'now provides free internet access to 4,743 schools', tags: ['High-level visits'] }

const services: BriefingService[] = []

export async function openExporting(dir: string, exportTo: string): Promise<BriefingService> {
  const dialogs = { chooseSaveFile: async () => exportTo, chooseOpenFile: async () => null, confirm: async () => true, chooseOpenPaths: async () => null }
  const service = await BriefingService.open({ libraryDir: dir, samplesDir: SAMPLES_DIR, shell: 'browser', version: '1', systemLocale: 'en-GB', dialogs })
  services.push(service)
  return service
}

/** Closes a service opened by openExporting before the test ends (to reopen its library). */
export async function closeService(service: BriefingService): Promise<void> {
  services.splice(services.indexOf(service), 1)
  await service.close()
}

export async function closeServices(): Promise<void> {
  await Promise.all(services.splice(0).map((service) => service.close()))
}

export function rowsOf(brief: Brief, kind: 'people' | 'chronology'): (PersonRow | EventRow)[] {
  return brief.sections.find((section) => section.dossier === kind)?.rows ?? []
}
