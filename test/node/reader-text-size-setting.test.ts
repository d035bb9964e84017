import { afterEach, describe, expect, it } from 'vitest'
import { createDispatcher } from '../../src/node/dispatch'
import { BriefingService } from '../../src/node/service'
import { SAMPLES_DIR, tempDir } from '../helpers'

const services: BriefingService[] = []
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()))
})

async function open(libraryDir: string): Promise<BriefingService> {
  const service = await BriefingService.open({ libraryDir, samplesDir: SAMPLES_DIR, shell: 'browser', version: '1', systemLocale: 'en' })
  services.push(service)
  return service
}

describe('the reader text size setting', () => {
  it('is absent until set, then kept in settings.json across a reopen', async () => {
    const dir = await tempDir()
    const first = await open(dir)
    expect((await first.getSettings()).readerTextSize).toBeUndefined()
    await first.updateSettings({ readerTextSize: 22 })
    // Another setting changed later leaves it alone.
    await first.updateSettings({ locale: 'vi' })
    await first.close()
    services.splice(0)
    expect(await (await open(dir)).getSettings()).toEqual({ locale: 'vi', markings: [], readerTextSize: 22 })
  })

  it('accepts only the sizes the reader offers', async () => {
    const service = await open(await tempDir())
    const dispatch = createDispatcher(service, () => undefined)
    expect(await dispatch('updateSettings', { readerTextSize: 21 })).toMatchObject({ ok: false })
    expect(await dispatch('updateSettings', { readerTextSize: '18' })).toMatchObject({ ok: false })
    expect(await dispatch('updateSettings', { readerTextSize: 28 })).toMatchObject({ ok: true, value: { readerTextSize: 28 } })
  })
})
