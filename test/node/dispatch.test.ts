import { afterEach, describe, expect, it } from 'vitest'
import { createDispatcher } from '../../src/node/dispatch'
import { BriefingService } from '../../src/node/service'
import { SAMPLES_DIR, tempDir } from '../helpers'

const services: BriefingService[] = []
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()))
})

async function dispatcher() {
  const service = await BriefingService.open({
    libraryDir: await tempDir(),
    samplesDir: SAMPLES_DIR,
    shell: 'browser',
    version: '1.0.0',
    systemLocale: 'en-GB',
  })
  services.push(service)
  const unexpected: unknown[] = []
  return { service, unexpected, dispatch: createDispatcher(service, (error) => unexpected.push(error)) }
}

describe('dispatch', () => {
  it('calls the service and wraps the value', async () => {
    const { dispatch } = await dispatcher()
    const result = await dispatch('listArticles', undefined)
    expect(result.ok).toBe(true)
    expect(result.ok && Array.isArray(result.value) && result.value.length).toBe(4)
  })

  it.each([
    ['constructor', undefined],
    ['__proto__', undefined],
    ['toString', undefined],
    [42, undefined],
    ['deleteEverything', undefined],
  ])('refuses the unknown method %s', async (method, input) => {
    const { dispatch } = await dispatcher()
    expect(await dispatch(method, input)).toMatchObject({ ok: false, error: { code: 'api.unknownMethod' } })
  })

  it.each([
    ['getArticle', undefined],
    ['getArticle', { id: 42 }],
    ['getArticle', { id: '../library' }],
    ['getArticle', { id: 'aaaaaaaaaaaa', extra: 1 }],
    ['updateSettings', { locale: 'de' }],
    ['updateSettings', 'vi'],
    ['listArticles', { page: 2 }],
  ])('refuses %s with malformed input %j', async (method, input) => {
    const { dispatch, service } = await dispatcher()
    const result = await dispatch(method, input)
    expect(result).toMatchObject({ ok: false, error: { code: 'api.invalidInput', params: { method } } })
    expect(await service.getSettings()).toEqual({ locale: null, markings: [] })
  })

  it('passes expected failures through with their code and parameters', async () => {
    const { dispatch, unexpected } = await dispatcher()
    expect(await dispatch('getArticle', { id: 'aaaaaaaaaaaa' })).toEqual({
      ok: false,
      error: { code: 'article.notFound', message: 'No article has the id “aaaaaaaaaaaa”.', params: { id: 'aaaaaaaaaaaa' } },
    })
    expect(unexpected).toEqual([])
  })

  it('turns a bug into an internal error and reports it', async () => {
    const { service } = await dispatcher()
    const unexpected: unknown[] = []
    const broken = Object.create(service) as BriefingService
    broken.listArticles = async () => {
      throw new TypeError('boom')
    }
    const result = await createDispatcher(broken, (error) => unexpected.push(error))('listArticles', undefined)
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', params: { reason: 'boom' } } })
    expect(unexpected).toHaveLength(1)
  })
})
