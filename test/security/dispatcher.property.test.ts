import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiMethodNames } from '../../src/common/api-methods'
import { en } from '../../src/common/i18n/en'
import { createDispatcher, type Dispatch } from '../../src/node/dispatch'
import { BriefingService } from '../../src/node/service'
import { SAMPLES_DIR, tempDir } from '../helpers'
import { librarySnapshot } from './library-snapshot'

/**
 * The IPC boundary under random input: every method of the contract, called through the same
 * dispatcher as IPC and the harness, on a real library. Whatever arrives, the answer is a Result
 * (a value, or an error with a catalogue entry), nothing is thrown, Object.prototype stays clean,
 * and a refused call leaves every library file byte-identical.
 */
const PATH_TRAVERSAL = [
  '../../../../etc/passwd',
  '..\\..\\..\\Windows\\System32\\config\\SAM',
  '/etc/shadow',
  'C:\\Users\\Public\\secret.docx',
  '\\\\server\\share\\brief.md',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  'articles/../library.json',
  'file:///etc/passwd',
  'ok.json\u0000.txt',
  '~/.ssh/id_rsa',
]
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'id', 'articleId', 'locale', 'markings', 'path', 'file']

function deeplyNested(depth: number): unknown {
  let value: unknown = { id: '0123456789ab' }
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { id: value } : [value]
  return value
}

/** JSON.parse makes a real own "__proto__" key, as a message arriving over IPC would have. */
const pollutingJson = fc.constantFrom(
  '{"__proto__": {"polluted": "yes"}}',
  '{"id": "0123456789ab", "__proto__": {"polluted": "yes"}}',
  '{"constructor": {"prototype": {"polluted": "yes"}}}',
  '{"articleId": "0123456789ab", "constructor": {"prototype": {"polluted": "yes"}}}',
  '{"locale": "vi", "__proto__": {"isAdmin": true}}',
  '[{"__proto__": {"polluted": "yes"}}]',
).map((json) => JSON.parse(json) as unknown)

const hostileInput: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 4, withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true }),
  pollutingJson,
  fc.dictionary(fc.constantFrom(...HOSTILE_KEYS), fc.oneof(fc.string(), fc.constantFrom(...PATH_TRAVERSAL), fc.integer(), fc.constant(null)), { maxKeys: 4 }),
  fc.record({ id: fc.oneof(fc.constantFrom(...PATH_TRAVERSAL), fc.stringMatching(/^[0-9a-f]{12}$/), fc.string()) }),
  fc.record({ articleId: fc.oneof(fc.constantFrom(...PATH_TRAVERSAL), fc.stringMatching(/^[0-9a-f]{12}$/), fc.string()) }),
  fc.record({ locale: fc.oneof(fc.constantFrom('vi', 'en', 'fr', '__proto__', ''), fc.string()), markings: fc.array(fc.string(), { maxLength: 3 }) }, { requiredKeys: [] }),
  fc.constantFrom('x'.repeat(1_000_000), { id: 'a'.repeat(1_000_000) }, { markings: Array.from({ length: 10_000 }, () => 'x') }, deeplyNested(5_000)),
  fc.constantFrom(...PATH_TRAVERSAL),
)

function catalogueHas(code: string): boolean {
  return Object.hasOwn(en, `error.${code}`)
}

let libraryDir: string
let service: BriefingService
let dispatch: Dispatch
const unexpected: unknown[] = []

beforeAll(async () => {
  libraryDir = await tempDir()
  service = await BriefingService.open({ libraryDir, samplesDir: SAMPLES_DIR, shell: 'browser', version: '1.0.0', systemLocale: 'en-GB' })
  dispatch = createDispatcher(service, (error) => unexpected.push(error))
})

afterAll(async () => {
  await service.close()
})

describe('the dispatcher under random input', () => {
  it.each(apiMethodNames)('%s answers every input with a Result, changes nothing when it refuses, and pollutes nothing', async (method) => {
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort()
    await fc.assert(
      fc.asyncProperty(hostileInput, async (input) => {
        const before = await librarySnapshot(libraryDir)
        const result = await dispatch(method, input)
        expect(typeof result.ok).toBe('boolean')
        if (!result.ok) {
          expect(catalogueHas(result.error.code), `${method}: ${result.error.code} has no catalogue entry`).toBe(true)
          expect(result.error.message).not.toContain('\n')
          // A hostile megabyte is never echoed back into logs and dialogs.
          expect(result.error.message.length).toBeLessThan(600)
          expect(await librarySnapshot(libraryDir)).toEqual(before)
        }
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys)
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
        expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined()
      }),
      { numRuns: 60, seed: 8 },
    )
    expect(unexpected).toEqual([])
  })

  it('refuses every unknown method name, however it is spelt', async () => {
    const before = await librarySnapshot(libraryDir)
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'close', 'backupTo', 'restoreFrom', 'dailyBackup', 'onLibraryChange'), fc.anything()), hostileInput, async (method, input) => {
        fc.pre(!(apiMethodNames as readonly unknown[]).includes(method))
        expect(await dispatch(method, input)).toMatchObject({ ok: false, error: { code: 'api.unknownMethod' } })
      }),
      { numRuns: 100, seed: 8 },
    )
    expect(await librarySnapshot(libraryDir)).toEqual(before)
  })
})
