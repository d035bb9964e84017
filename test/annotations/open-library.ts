import { afterEach } from 'vitest'
import type { LibraryChange } from '../../src/common/model/library-change'
import { BriefingService } from '../../src/node/service'
import type { DialogPort } from '../../src/node/dialogs'
import { SAMPLES_DIR, tempDir } from '../helpers'

export { CONSULTATIONS } from './sample-ids'

const services: BriefingService[] = []
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()))
})

/** A real service over a real library in a fresh temp folder (the samples unless told otherwise), closed after the test. */
export async function openLibrary(options: { dir?: string; samples?: boolean; dialogs?: DialogPort } = {}): Promise<{
  service: BriefingService
  dir: string
  changes: LibraryChange[]
}> {
  const dir = options.dir ?? (await tempDir())
  const service = await BriefingService.open({
    libraryDir: dir,
    ...(options.samples === false ? {} : { samplesDir: SAMPLES_DIR }),
    // These tests make their own tags; the starter taxonomy is tested in test/themes.
    taxonomyFile: null,
    shell: 'browser',
    version: '9.9.9',
    systemLocale: 'en-GB',
    ...(options.dialogs ? { dialogs: options.dialogs } : {}),
  })
  services.push(service)
  const changes: LibraryChange[] = []
  service.onLibraryChange((change) => changes.push(change))
  return { service, dir, changes }
}

/** Closes a service opened with openLibrary before the test ends (e.g. to reopen its folder). */
export async function closeLibrary(service: BriefingService): Promise<void> {
  services.splice(services.indexOf(service), 1)
  await service.close()
}
