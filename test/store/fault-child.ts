/**
 * A writer process for the fault tests: opens a library and saves annotations, printing
 * "ack <id>" only after each save resolved (that is, after it is durable).
 *
 *   loop DIR          save one more annotation after another until killed
 *   count DIR N       save N annotations, then close and exit (LOCK_WAIT_MS: wait for the lock)
 *   big DIR           save annotations with long notes until a write fails; print the error
 */
import { LibraryStore } from '../../src/node/store/library-store'
import { annotation } from './fixtures'

const [mode, dir, arg] = process.argv.slice(2)
if (mode === undefined || dir === undefined) throw new Error('usage: fault-child MODE DIR [N]')
// Written by the test for the "disk full" case: the kernel refuses writes past a file-size limit.
process.on('SIGXFSZ', () => undefined)

const store = await LibraryStore.open(dir, { lockWaitMs: Number(process.env['LOCK_WAIT_MS'] ?? 0), purpose: `fault-child ${mode}` })
const articleId = store.listArticles()[0]?.id
if (articleId === undefined) throw new Error('the test library has no article')
let list = await store.getAnnotations(articleId)
process.stdout.write('ready\n')

if (mode === 'loop') {
  for (;;) {
    const next = annotation(articleId)
    list = [...list, next]
    await store.setAnnotations(articleId, list)
    process.stdout.write(`ack ${next.id}\n`)
  }
} else if (mode === 'count') {
  for (let i = 0; i < Number(arg); i++) {
    const next = annotation(articleId, { note: `từ tiến trình ${process.pid}` })
    list = [...list, next]
    await store.setAnnotations(articleId, list)
    process.stdout.write(`ack ${next.id}\n`)
  }
  await store.close()
} else if (mode === 'big') {
  try {
    for (;;) {
      const next = annotation(articleId, { note: 'Ghi chú dài về hợp tác viễn thông. '.repeat(500) })
      await store.setAnnotations(articleId, [...list, next])
      list = [...list, next]
      process.stdout.write(`ack ${next.id}\n`)
    }
  } catch (error) {
    process.stdout.write(`error ${JSON.stringify({ code: (error as { code?: string }).code, message: (error as Error).message })}\n`)
  }
  await store.close()
}
