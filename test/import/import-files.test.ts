import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fileSystemError, importFile } from '../../src/node/import/import-file'
import { expandPaths, importFiles, type ImportProgress } from '../../src/node/import/import-files'
import { DEFAULT_MAX_BYTES } from '../../src/node/import/formats'
import { ROOT, tempDir } from '../helpers'

const FILES = join(ROOT, 'test', 'fixtures', 'import', 'files')
const now = new Date('2026-01-02T03:04:05Z')

/** A folder with good and bad files, some in a subfolder, some to be skipped. */
async function makeFolder(): Promise<string> {
  const dir = await tempDir('brief-import-')
  await mkdir(join(dir, 'sub', 'deeper'), { recursive: true })
  await copyFile(join(FILES, 'vi-bitel.txt'), join(dir, 'b-vi.txt'))
  await copyFile(join(FILES, 'en-vna.html'), join(dir, 'a-en.HTML'))
  await copyFile(join(FILES, 'vi-bitel.md'), join(dir, 'sub', 'c-vi.md'))
  await copyFile(join(FILES, 'es-efe.txt'), join(dir, 'sub', 'deeper', 'd-es.txt'))
  await copyFile(join(FILES, 'bad', 'binary.txt'), join(dir, 'sub', 'binary.txt'))
  await writeFile(join(dir, 'empty.md'), '')
  // Skipped when a folder is expanded: unsupported types, hidden files, Word lock files.
  await writeFile(join(dir, 'photo.bmp'), 'not imported')
  await writeFile(join(dir, 'notes.rtf'), '{\\rtf1}')
  await writeFile(join(dir, '.hidden.txt'), 'hidden')
  await writeFile(join(dir, '~$draft.docx'), 'lock')
  return dir
}

describe('expandPaths', () => {
  it('expands folders recursively to supported files, sorted, and keeps explicit files and missing paths', async () => {
    const dir = await makeFolder()
    const { files, failures } = await expandPaths([dir, join(dir, 'notes.rtf'), join(dir, 'missing.txt'), join(dir, 'b-vi.txt')])
    expect(failures).toEqual([])
    expect(files.map((file) => file.slice(dir.length + 1))).toEqual([
      'a-en.HTML',
      'b-vi.txt',
      'empty.md',
      'sub/binary.txt',
      'sub/c-vi.md',
      'sub/deeper/d-es.txt',
      'notes.rtf',
      'missing.txt',
    ])
  })
})

describe('importFiles', () => {
  it('imports each file on its own, reports progress, and sums up', async () => {
    const dir = await makeFolder()
    const progress: ImportProgress[] = []
    const summary = await importFiles([dir, join(dir, 'notes.rtf')], { now: () => now, onProgress: (p) => void progress.push(p) })
    expect(summary.total).toBe(7)
    expect(summary.imported).toBe(4)
    expect(summary.failed).toBe(3)
    expect(summary.cancelled).toEqual([])
    expect(progress.map((p) => `${p.done}/${p.total}`)).toEqual(['1/7', '2/7', '3/7', '4/7', '5/7', '6/7', '7/7'])
    const failures = summary.outcomes.filter((outcome) => !outcome.ok).map((outcome) => (outcome.ok ? '' : outcome.error.code))
    expect(failures).toEqual(['import.empty', 'import.binary', 'import.unsupported'])
    // Each failure is one line naming its file.
    for (const outcome of summary.outcomes) {
      if (outcome.ok) continue
      expect(outcome.error.message).toContain(outcome.file)
      expect(outcome.error.message).not.toContain('\n')
    }
    // The Vietnamese story as .txt and as .md is one article.
    const hashes = summary.outcomes.flatMap((outcome) => (outcome.ok && outcome.article.language === 'vi' ? [outcome.article.contentHash] : []))
    expect(hashes).toHaveLength(2)
    expect(new Set(hashes).size).toBe(1)
  })

  it('waits for an asynchronous progress callback before the next file', async () => {
    const dir = await makeFolder()
    const order: string[] = []
    await importFiles([join(dir, 'b-vi.txt'), join(dir, 'a-en.HTML')], {
      onProgress: async (p) => {
        order.push(`start ${p.done}`)
        await new Promise((resolve) => setTimeout(resolve, 20))
        order.push(`end ${p.done}`)
      },
    })
    expect(order).toEqual(['start 1', 'end 1', 'start 2', 'end 2'])
  })

  it('stops when cancelled and lists the files it did not import', async () => {
    const dir = await makeFolder()
    const controller = new AbortController()
    const summary = await importFiles([dir], {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done === 2) controller.abort()
      },
    })
    expect(summary.outcomes).toHaveLength(2)
    expect(summary.cancelled.map((file) => file.slice(dir.length + 1))).toEqual(['empty.md', 'sub/binary.txt', 'sub/c-vi.md', 'sub/deeper/d-es.txt'])
    expect(summary.total).toBe(6)

    const before = await importFiles([dir], { signal: AbortSignal.abort() })
    expect(before.outcomes).toEqual([])
    expect(before.cancelled).toHaveLength(6)
  })
})

describe('importFile: bad input', () => {
  it('refuses a file over the size limit (20 MB unless told otherwise)', async () => {
    expect(DEFAULT_MAX_BYTES).toBe(20 * 1024 * 1024)
    const outcome = await importFile(join(FILES, 'vi-bitel.docx'), { now, maxBytes: 5 * 1024 })
    expect(outcome.ok).toBe(false)
    if (!outcome.ok) {
      expect(outcome.error.code).toBe('import.tooLarge')
      expect(outcome.error.message).toMatch(/is too large to import \(0\.1 MB; the limit is 0 MB\)\.$/u)
    }
    const big = await importFile(join(FILES, 'vi-bitel.txt'), { now, maxBytes: 1024 })
    expect(!big.ok && big.error.code).toBe('import.tooLarge')
  })

  it('names a missing file, a folder and an unsupported type', async () => {
    const dir = await tempDir()
    const missing = await importFile(join(dir, 'nope.txt'), { now })
    expect(!missing.ok && missing.error.message).toBe(`The file ${join(dir, 'nope.txt')} does not exist.`)
    const folder = await importFile(dir, { now })
    expect(!folder.ok && folder.error.code).toBe('import.notAFile')
    await writeFile(join(dir, 'scan.bmp'), 'x')
    const png = await importFile(join(dir, 'scan.bmp'), { now })
    expect(!png.ok && png.error.params).toMatchObject({ extension: '.bmp' })
    await writeFile(join(dir, 'README'), 'x')
    const none = await importFile(join(dir, 'README'), { now })
    expect(!none.ok && none.error.code).toBe('import.unsupported')
  })

  it('maps file-system errors to messages a user can act on', () => {
    const error = (code: string) => Object.assign(new Error(`${code}: failed`), { code })
    expect(fileSystemError('a.txt', error('EACCES')).code).toBe('import.permissionDenied')
    expect(fileSystemError('a.txt', error('EPERM')).code).toBe('import.permissionDenied')
    expect(fileSystemError('a.txt', error('ENOENT')).code).toBe('import.notFound')
    expect(fileSystemError('a.txt', error('EISDIR')).code).toBe('import.notAFile')
    expect(fileSystemError('a.txt', error('EIO')).message).toBe('The file a.txt could not be read: EIO: failed')
    const abort = new Error('aborted')
    abort.name = 'AbortError'
    expect(fileSystemError('a.txt', abort).code).toBe('import.cancelled')
  })

  it('gives every error message in Vietnamese too', async () => {
    const { translate } = await import('../../src/common/i18n/translate')
    const outcome = await importFile(join(FILES, 'bad', 'no-text-layer.pdf'), { now })
    expect(outcome.ok).toBe(false)
    if (!outcome.ok) {
      expect(translate('vi', `error.${outcome.error.code}`, outcome.error.params)).toBe(
        `Không nhận dạng được chữ nào trong ${join(FILES, 'bad', 'no-text-layer.pdf')}: các trang để trống hoặc không có chữ đọc được.`,
      )
    }
  }, 180_000) // the blank scanned PDF goes through OCR, which starts a worker and an engine
})
