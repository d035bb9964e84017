/**
 * A writer process for the fault tests: opens a library and saves annotations, printing
 * "ack <id>" only after each save resolved (that is, after it is durable).
 *
 *   every DIR         writes of every kind, one after another, until killed: an annotation, an
 *                     article added, an article's text revised (a journal commit), annotations and
 *                     tags together (a journal commit), a tag, a setting, a brief saved and an
 *                     older one deleted, an article added earlier deleted; each acknowledged as
 *                     "ack <kind> <id...>" once it resolved. The index's log is folded into a new
 *                     checkpoint every few writes (INDEX_LOG_BYTES), so kills land in compactions too
 *   count DIR N       save N annotations, then close and exit (LOCK_WAIT_MS: wait for the lock)
 *   big DIR           save annotations with long notes until a write fails; print the error
 *   groups DIR        one commit after another, each adding a highlight to every article of the
 *                     library at once (many annotation files in one journal, as a team sync's
 *                     group of pulled records is applied); "ack group <ids...>" once it resolved,
 *                     "writing group <ids...>" before it starts
 */
import { LibraryStore } from '../../src/node/store/library-store'
import { annotation, article, sampleBrief, tag } from './fixtures'

const [mode, dir, arg] = process.argv.slice(2)
if (mode === undefined || dir === undefined) throw new Error('usage: fault-child MODE DIR [N]')
// Written by the test for the "disk full" case: the kernel refuses writes past a file-size limit.
process.on('SIGXFSZ', () => undefined)

const logBytes = process.env['INDEX_LOG_BYTES']
const store = await LibraryStore.open(dir, {
  lockWaitMs: Number(process.env['LOCK_WAIT_MS'] ?? 0),
  purpose: `fault-child ${mode}`,
  ...(logBytes === undefined ? {} : { indexLogBytes: Number(logBytes) }),
})
const articleId = store.listArticles()[0]?.id
if (articleId === undefined) throw new Error('the test library has no article')
let list = await store.getAnnotations(articleId)
process.stdout.write('ready\n')

if (mode === 'every') {
  const ack = (line: string) => process.stdout.write(`ack ${line}\n`)
  const [first, second] = store.listArticles()
  if (second === undefined) throw new Error('the test library needs two articles')
  let tags = [...store.listTags()]
  let revision = (await store.getArticle(first!.id))!.revision
  const briefs = store.listBriefs().map((brief) => brief.id)
  const addedArticles: string[] = []
  for (let round = 0; ; round++) {
    const next = annotation(articleId)
    list = [...list, next]
    await store.setAnnotations(articleId, list)
    ack(`annotation ${next.id}`)

    const added = article(process.pid * 1000 + round)
    await store.addArticles([added])
    ack(`article ${added.id}`)
    addedArticles.push(added.id)
    if (addedArticles.length > 2) {
      const old = addedArticles.shift()!
      // Said before, like a brief's deletion: one under way when the kill lands may still complete.
      ack(`deleting-article ${old}`)
      await store.deleteArticle(old)
      ack(`deleted-article ${old}`)
    }

    const current = (await store.getArticle(first!.id))!
    revision = current.revision + 1
    await store.commit({ articles: [{ ...current, title: `Bản sửa ${revision}`, revision }] })
    ack(`revision ${first!.id} ${revision}`)

    const together = annotation(second.id, { note: 'cùng lúc với chủ đề' })
    const theme = tag(`Chủ đề ${process.pid}-${round}`)
    tags = [...tags, theme]
    await store.commit({ annotations: new Map([[second.id, [...(await store.getAnnotations(second.id)), together]]]), tags })
    ack(`annotation ${together.id}`)
    ack(`tag ${theme.id}`)

    const alone = tag(`Riêng ${process.pid}-${round}`)
    tags = [...tags, alone]
    await store.setTags(tags)
    ack(`tag ${alone.id}`)

    const marking = `Dấu-${process.pid}-${round}`
    await store.updateSettings({ markings: [...store.settings.markings.slice(-3), marking] })
    ack(`marking ${marking}`)

    const brief = sampleBrief(`Bản tóm tắt ${process.pid}-${round}`)
    await store.saveBrief(brief)
    briefs.push(brief.id)
    ack(`brief ${brief.id}`)
    if (briefs.length > 2) {
      const old = briefs.shift()!
      // Said before: a deletion under way when the kill lands may still complete (its journal is replayed).
      ack(`deleting-brief ${old}`)
      await store.deleteBrief(old)
      ack(`deleted-brief ${old}`)
    }
  }
} else if (mode === 'groups') {
  const ids = store.listArticles().map((summary) => summary.id)
  for (;;) {
    const added = ids.map((id) => annotation(id, { note: `nhóm ${process.pid}` }))
    process.stdout.write(`writing group ${added.map((a) => a.id).join(' ')}\n`)
    await store.update({ annotations: ids }, (current) => ({
      writes: { annotations: new Map(ids.map((id, i) => [id, [...(current.annotations.get(id) ?? []), added[i]!]])) },
      value: undefined,
    }))
    process.stdout.write(`ack group ${added.map((a) => a.id).join(' ')}\n`)
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
