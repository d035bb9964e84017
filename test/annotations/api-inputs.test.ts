import { describe, expect, it } from 'vitest'
import { createDispatcher } from '../../src/node/dispatch'
import { CONSULTATIONS, openLibrary } from './open-library'

describe('the annotation methods across the trust boundary', () => {
  it.each([
    ['createAnnotation', { articleId: CONSULTATIONS, start: 0, end: 4, color: 'yellow', extra: 1 }],
    ['createAnnotation', { articleId: '../../etc', start: 0, end: 4, color: 'yellow' }],
    ['createAnnotation', { articleId: CONSULTATIONS, start: -1, end: 4, color: 'yellow' }],
    ['createAnnotation', { articleId: CONSULTATIONS, start: 0.5, end: 4, color: 'yellow' }],
    ['createAnnotation', { articleId: CONSULTATIONS, start: 0, end: 4, color: 'red' }],
    ['createAnnotation', { articleId: CONSULTATIONS, start: 0, end: 4, color: 'yellow', note: 'x'.repeat(20_001) }],
    ['createAnnotation', { articleId: CONSULTATIONS, start: 0, end: 4, color: 'yellow', tags: ['   '] }],
    ['createAnnotation', { articleId: CONSULTATIONS, start: 0, end: 4, color: 'yellow', tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }],
    ['updateAnnotation', { articleId: CONSULTATIONS, id: 'not-an-id' }],
    ['deleteAnnotations', { articleId: CONSULTATIONS, ids: [] }],
    ['restoreAnnotations', { articleId: CONSULTATIONS, annotations: [{ id: 'an_0123456789abcdef' }] }],
    ['editArticleText', { id: CONSULTATIONS, text: 'x'.repeat(4_000_001) }],
    ['editArticleText', { id: CONSULTATIONS }],
    ['exportAnnotations', { path: '/etc/passwd' }],
  ])('refuses a malformed %s call before it reaches the service', async (method, input) => {
    const { service, changes } = await openLibrary()
    const result = await createDispatcher(service)(method, input)
    expect(result).toMatchObject({ ok: false, error: { code: 'api.invalidInput', params: { method } } })
    expect(await service.getAnnotations({ articleId: CONSULTATIONS })).toEqual([])
    expect(changes).toEqual([])
  })

  it('carries a well-formed call to the service and its failures back as catalogue errors', async () => {
    const { service } = await openLibrary()
    const dispatch = createDispatcher(service)
    const created = await dispatch('createAnnotation', { articleId: CONSULTATIONS, start: 0, end: 4, color: 'blue', tags: ['  APEC  '] })
    expect(created).toMatchObject({ ok: true, value: { color: 'blue', quote: { exact: 'Ngày' } } })
    expect(await dispatch('createAnnotation', { articleId: CONSULTATIONS, start: 4, end: 4, color: 'blue' })).toMatchObject({
      ok: false,
      error: { code: 'annotation.emptyRange', message: 'The selection 4–4 is empty: select some text to highlight.' },
    })
  })
})
