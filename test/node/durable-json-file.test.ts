import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/common/errors'
import { DurableJsonFile } from '../../src/node/store/durable-json-file'
import { tempDir } from '../helpers'

const Schema = v.object({ schemaVersion: v.literal(1), items: v.array(v.string()) })

describe('DurableJsonFile', () => {
  it('reads a missing file as null', async () => {
    const file = new DurableJsonFile(join(await tempDir(), 'x.json'), Schema)
    expect(await file.read()).toBeNull()
  })

  it('writes, then reads back exactly, leaving no temp file behind', async () => {
    const dir = await tempDir()
    const file = new DurableJsonFile(join(dir, 'x.json'), Schema)
    await file.write({ schemaVersion: 1, items: ['Việt Nam', 'Peru'] })
    expect(await file.read()).toEqual({ schemaVersion: 1, items: ['Việt Nam', 'Peru'] })
    expect(await readdir(dir)).toEqual(['x.json'])
  })

  it('refuses to write a record that fails its schema, and leaves the file as it was', async () => {
    const dir = await tempDir()
    const file = new DurableJsonFile(join(dir, 'x.json'), Schema)
    await file.write({ schemaVersion: 1, items: ['a'] })
    const bad = { schemaVersion: 1, items: [42] } as unknown as v.InferOutput<typeof Schema>
    await expect(file.write(bad)).rejects.toThrow(AppError)
    expect(JSON.parse(await readFile(join(dir, 'x.json'), 'utf8'))).toEqual({ schemaVersion: 1, items: ['a'] })
  })

  it('names the file and the reason when the content is not JSON or not valid', async () => {
    const dir = await tempDir()
    const path = join(dir, 'x.json')
    await writeFile(path, '{"schemaVersion": 1, "items": [')
    await expect(new DurableJsonFile(path, Schema).read()).rejects.toMatchObject({
      code: 'library.invalid',
      message: expect.stringContaining(path),
    })
    await writeFile(path, '{"schemaVersion": 2, "items": []}')
    await expect(new DurableJsonFile(path, Schema).read()).rejects.toMatchObject({
      code: 'library.invalid',
      message: expect.stringContaining('schemaVersion'),
    })
  })

  it('applies concurrent writes in the order they were made', async () => {
    const dir = await tempDir()
    const file = new DurableJsonFile(join(dir, 'x.json'), Schema)
    await Promise.all(Array.from({ length: 25 }, (_, i) => file.write({ schemaVersion: 1, items: [String(i)] })))
    expect(await file.read()).toEqual({ schemaVersion: 1, items: ['24'] })
    expect(await readdir(dir)).toEqual(['x.json'])
  })

  it('reports a write into a missing folder with the file name, and keeps working afterwards', async () => {
    const dir = await tempDir()
    const file = new DurableJsonFile(join(dir, 'missing', 'x.json'), Schema)
    await expect(file.write({ schemaVersion: 1, items: [] })).rejects.toMatchObject({
      code: 'library.writeFailed',
      message: expect.stringContaining(join(dir, 'missing', 'x.json')),
    })
    const good = new DurableJsonFile(join(dir, 'y.json'), Schema)
    await good.write({ schemaVersion: 1, items: [] })
    expect(await good.read()).toEqual({ schemaVersion: 1, items: [] })
  })
})
