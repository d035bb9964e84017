import { copyFile, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { afterAll, describe, expect, it } from 'vitest'
import { importFile, loadFile, type ImportOutcome } from '../../src/node/import/import-file'
import { importFiles, POOL_MIN_FILES, runBatch } from '../../src/node/import/import-files'
import { readerFor } from '../../src/node/import/formats'
import { ParsePool, parseWorkers } from '../../src/node/import/parse-pool'
import { ROOT, tempDir } from '../helpers'

/**
 * The parse pool runs the real parse-worker.ts (from source, through tsx, as the CLI does) and
 * must give exactly what parsing on the main thread gives, failures included.
 */
const FILES = join(ROOT, 'test', 'fixtures', 'import', 'files')
const now = new Date('2026-01-02T03:04:05Z')
/** A worker from source compiles the readers through tsx first: seconds on a loaded machine. */
const STARTS_WORKERS = 120_000

async function fixtureFiles(): Promise<string[]> {
  const entries = await readdir(FILES, { recursive: true, withFileTypes: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name)).sort()
}

/** An outcome as plain data (an AppError compared by code, parameters and message). */
function plain(outcome: ImportOutcome): unknown {
  return outcome.ok ? outcome : { ok: false, file: outcome.file, code: outcome.error.code, params: outcome.error.params, message: outcome.error.message }
}

const pools: ParsePool[] = []
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()))
})

function pool(factory = parseWorkers(), size = 1): ParsePool {
  const made = new ParsePool(factory, size)
  pools.push(made)
  return made
}

describe('ParsePool', () => {
  it('gives exactly the in-thread outcome for every golden fixture, failures included', async () => {
    const files = await fixtureFiles()
    expect(files.length).toBeGreaterThanOrEqual(POOL_MIN_FILES)
    const workers = pool(parseWorkers(), 2)
    // Ready before the batch starts, so that every file goes through a worker.
    expect(await workers.start()).toBe(2)
    const inThread = await importFiles(files, { now: () => now })
    const pooled = await importFiles(files, { now: () => now, pool: workers })
    expect(pooled.outcomes.map(plain)).toEqual(inThread.outcomes.map(plain))
    expect(pooled.imported).toBeGreaterThan(0)
    expect(pooled.failed).toBeGreaterThan(0)
    // A batch parses some files on this thread when it would otherwise wait; asked directly (and
    // all at once, so that nothing is parsed here) the workers read and parse every file themselves.
    const limit = 2048
    const byPath = await Promise.all([...files, join(FILES, 'no-such-file.html')].map((file) => workers.importPath(file, { now, maxBytes: limit })))
    const expected = await Promise.all([...files, join(FILES, 'no-such-file.html')].map((file) => importFile(file, { now, maxBytes: limit })))
    expect(byPath.map(plain)).toEqual(expected.map(plain))
    expect(expected.some((outcome) => !outcome.ok && outcome.error.code === 'import.tooLarge')).toBe(true)
    expect(expected.some((outcome) => !outcome.ok && outcome.error.code === 'import.notFound')).toBe(true)
    const loaded = await Promise.all(files.map((file) => loadFile(file, {})))
    const byBytes = await Promise.all(loaded.map((item) => (item.ok ? workers.parse(item, now) : item)))
    expect(byBytes.map(plain)).toEqual(inThread.outcomes.map(plain))
  }, STARTS_WORKERS)

  it('takes dropped files (bytes already in memory) through the workers as a batch, with the same outcomes', async () => {
    const files = await fixtureFiles()
    const workers = pool()
    await workers.start()
    const loaded = await Promise.all(files.map((file) => loadFile(file, {})))
    const outcomes = async (usePool: boolean) => {
      const reported: ImportOutcome[] = []
      const { cancelled } = await runBatch(loaded, { now: () => now, ...(usePool ? { pool: workers } : {}) }, async (outcome) => void reported.push(outcome))
      expect(cancelled).toEqual([])
      return reported.map(plain)
    }
    expect(await outcomes(true)).toEqual(await outcomes(false))
  }, STARTS_WORKERS)

  it('parses on this thread while its worker starts, and after close', async () => {
    const files = await fixtureFiles()
    const html = files.find((file) => file.endsWith('en-vna.html'))!
    const expected = plain(await importFile(html, { now }))
    const workers = pool()
    const loaded = { ok: true as const, file: html, bytes: new Uint8Array(await readFile(html)), read: readerFor('.html')!.read }
    // The first call starts the worker and, the worker not being ready, parses here.
    expect(plain(await workers.parse(loaded, now))).toEqual(expected)
    await workers.start()
    expect(plain(await workers.parse(loaded, now))).toEqual(expected)
    await workers.close()
    expect(plain(await workers.parse(loaded, now))).toEqual(expected)
  }, STARTS_WORKERS)

  it('fails only the files a dying worker held, each naming its file, and the batch goes on', async () => {
    // A thread that says it is ready, then dies on the first file it starts: what a reader that
    // crashes its thread, or runs it out of memory, looks like from the pool. The files it was
    // sent but had not started are parsed elsewhere.
    const dying = () =>
      new Worker(
        `const { parentPort } = require('node:worker_threads'); parentPort.postMessage({ type: 'ready' }); parentPort.on('message', (request) => { if (Atomics.compareExchange(request.claim, 0, 0, 1) === 0) process.exit(7) })`,
        { eval: true },
      )
    const workers = pool(dying)
    expect(await workers.start()).toBe(1)
    const dir = await tempDir('brief-parse-pool-')
    for (let i = 0; i < POOL_MIN_FILES + 2; i++) await copyFile(join(FILES, 'en-vna.html'), join(dir, `page-${i}.html`))
    const summary = await importFiles([dir], { now: () => now, pool: workers })
    expect(summary.outcomes).toHaveLength(POOL_MIN_FILES + 2)
    expect(summary.cancelled).toEqual([])
    const failures = summary.outcomes.filter((outcome) => !outcome.ok)
    expect(failures.length).toBeGreaterThan(0)
    for (const failure of failures) {
      expect(failure.ok).toBe(false)
      if (failure.ok) continue
      expect(failure.error.code).toBe('import.unreadable')
      expect(failure.error.message).toContain(failure.file!)
      expect(failure.error.message).toContain('exit code 7')
      expect(failure.error.message).not.toContain('\n')
    }
  })

  it('takes back on this thread, once each, the files a worker has not started', async () => {
    // A worker that says it is ready and then never starts a file: every file the batch sent it
    // must come back to this thread, through the claim flag, and be parsed exactly once.
    const stalled = () => new Worker(`require('node:worker_threads').parentPort.postMessage({ type: 'ready' }); require('node:worker_threads').parentPort.on('message', () => {})`, { eval: true })
    const workers = pool(stalled)
    expect(await workers.start()).toBe(1)
    const files = await fixtureFiles()
    const inThread = await importFiles(files, { now: () => now })
    const pooled = await importFiles(files, { now: () => now, pool: workers })
    expect(pooled.outcomes.map(plain)).toEqual(inThread.outcomes.map(plain))
    expect(await workers.runOneHere()).toBe(false)
  })

  it('parses on this thread when no worker can be created', async () => {
    const workers = pool(() => {
      throw new Error('no threads here')
    })
    expect(await workers.start()).toBe(0)
    const dir = await tempDir('brief-parse-pool-')
    for (let i = 0; i < POOL_MIN_FILES; i++) await copyFile(join(FILES, 'en-vna.html'), join(dir, `page-${i}.html`))
    const summary = await importFiles([dir], { now: () => now, pool: workers })
    expect(summary.failed).toBe(0)
    expect(summary.imported).toBe(POOL_MIN_FILES)
  })

  it('stops a pooled batch when cancelled and lists the files it did not import', async () => {
    const workers = pool()
    await workers.start()
    const dir = await tempDir('brief-parse-pool-')
    const count = POOL_MIN_FILES * 3
    for (let i = 0; i < count; i++) await copyFile(join(FILES, 'vi-bitel.html'), join(dir, `page-${String(i).padStart(2, '0')}.html`))
    const controller = new AbortController()
    const summary = await importFiles([dir], {
      now: () => now,
      pool: workers,
      signal: controller.signal,
      onProgress: ({ done }) => {
        if (done === 3) controller.abort()
      },
    })
    expect(summary.outcomes).toHaveLength(3)
    expect(summary.cancelled).toHaveLength(count - 3)
    expect(summary.cancelled[0]).toBe(join(dir, 'page-03.html'))
  }, STARTS_WORKERS)
})
