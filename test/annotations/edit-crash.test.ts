import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bodyText } from '../../src/common/model/article'
import { ROOT } from '../helpers'
import { closeLibrary, CONSULTATIONS, openLibrary } from './open-library'

const CHILD = join(ROOT, 'test', 'annotations', 'edit-crash-child.ts')

/** Runs the child until it has acknowledged an edit, kills it a little later (mid-edit, mostly), returns the last revision it acknowledged. */
async function editThenKill(dir: string, delayMs: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  let acked = 0
  let buffer = ''
  const started = new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8')
      for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
        const line = buffer.slice(0, newline)
        buffer = buffer.slice(newline + 1)
        if (line.startsWith('ack ')) acked = Number(line.slice(4))
        if (line.startsWith('ack ')) resolve()
      }
    })
  })
  const exited = new Promise((resolve) => child.on('exit', resolve))
  // A child that dies before it starts (a bug in it) must fail the test, not hang it.
  await Promise.race([started, exited.then(() => Promise.reject(new Error('the edit child exited before its first edit')))])
  await new Promise((resolve) => setTimeout(resolve, delayMs))
  child.kill('SIGKILL')
  await exited
  return acked
}

describe('editArticleText under a crash', () => {
  it('never leaves highlights pointing into the wrong text, and loses no acknowledged edit', { timeout: 120_000 }, async () => {
    const { service, dir } = await openLibrary()
    const text = bodyText((await service.getArticle({ id: CONSULTATIONS })).blocks)
    for (const quote of ['Đại sứ Bùi Văn Nghị', 'tự do hàng hải, hàng không', 'năm chủ nhà APEC 2027']) {
      const start = text.indexOf(quote)
      await service.createAnnotation({ articleId: CONSULTATIONS, start, end: start + quote.length, color: 'yellow' })
    }
    await closeLibrary(service)

    let revision = 1
    for (let round = 0; round < 6; round++) {
      const acked = await editThenKill(dir, 20 + ((round * 53) % 200))
      expect(acked, `round ${round}`).toBeGreaterThan(revision)
      const { service: reopened } = await openLibrary({ dir })
      const article = await reopened.getArticle({ id: CONSULTATIONS })
      const current = bodyText(article.blocks)
      expect(article.revision, `round ${round}`).toBeGreaterThanOrEqual(acked)
      expect((await reopened.libraryStatus()).recovery).toEqual([])
      const annotations = await reopened.getAnnotations({ articleId: CONSULTATIONS })
      expect(annotations).toHaveLength(3)
      for (const annotation of annotations.filter((a) => a.status === 'anchored')) {
        expect(annotation.articleRevision, `round ${round}`).toBe(article.revision)
        expect(current.slice(annotation.position.start, annotation.position.end)).toBe(annotation.quote.exact)
      }
      // The South China Sea highlight is an orphan exactly when its paragraph is missing.
      const sea = annotations.find((a) => a.quote.exact === 'tự do hàng hải, hàng không')!
      expect(sea.status).toBe(current.includes('tự do hàng hải, hàng không') ? 'anchored' : 'orphan')
      revision = article.revision
      await closeLibrary(reopened)
    }
  })
})
