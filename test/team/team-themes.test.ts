import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bodyText } from '../../src/common/model/article'
import { connectTeam, initTeam, teamStatus } from '../../src/node/team/team-connection'
import { CONSULTATIONS } from '../annotations/sample-ids'
import { PASSWORDS, teamLibrary, useTeamServer, type TeamLibrary } from './team-library'

/**
 * A theme renamed on one side and merged into another theme on the other (docs/team.md#conflicts):
 * the merge wins, the new name becomes a name of the theme it went into, and every highlight of
 * the theme follows it, in whichever order the two sides reach the server.
 */
const serverOf = useTeamServer(['bob', 'carol'])

let dbCount = 0
async function three(): Promise<[TeamLibrary, TeamLibrary, TeamLibrary]> {
  const db = `themes-${process.pid}-${++dbCount}`
  const a = await teamLibrary('alice', { samples: true })
  await initTeam(a.service.libraryStore, { url: serverOf().url, db, user: 'alice', password: PASSWORDS['alice']! }, ['bob', 'carol'])
  const others: TeamLibrary[] = []
  for (const user of ['bob', 'carol']) {
    const library = await teamLibrary(user)
    await connectTeam(library.service.libraryStore, { url: serverOf().url, db, user, password: PASSWORDS[user]! })
    others.push(library)
  }
  return [a, others[0]!, others[1]!]
}

async function passage(library: TeamLibrary, n: number): Promise<{ start: number; end: number }> {
  const text = bodyText((await library.service.getArticle({ id: CONSULTATIONS })).blocks)
  const start = 10 + n * 40
  expect(text.length).toBeGreaterThan(start + 30)
  return { start, end: start + 30 }
}

describe('a theme renamed on one side and merged into another on the other', { timeout: 180_000 }, () => {
  it.each([
    ['the rename reaches the server first', 'rename-first'],
    ['the merge reaches the server first', 'merge-first'],
  ] as const)('%s: three libraries converge on the merge, keeping the new name as an alias', async (_title, order) => {
    const [a, b, c] = await three()
    const h1 = await a.service.createAnnotation({ articleId: CONSULTATIONS, ...(await passage(a, 0)), color: 'yellow', tags: ['Trade'] })
    await a.service.createAnnotation({ articleId: CONSULTATIONS, ...(await passage(a, 1)), color: 'green', tags: ['Economy'] })
    for (const library of [a, b, c]) await library.sync()
    const tagId = (library: TeamLibrary, name: string) => library.service.libraryStore.listTags().find((tag) => tag.name === name)!.id
    const trade = tagId(a, 'Trade')
    const economy = tagId(a, 'Economy')
    expect(tagId(b, 'Trade')).toBe(trade)

    // Concurrently: alice renames Trade, bob merges it into Economy, carol tags a new highlight with it.
    await a.service.updateTag({ id: trade, name: 'Commerce' })
    await b.service.mergeTags({ fromId: trade, intoId: economy })
    const h3 = await c.service.createAnnotation({ articleId: CONSULTATIONS, ...(await passage(c, 2)), color: 'blue', tags: ['Trade'] })
    expect(h3.tagIds).toContain(trade)

    const [first, second] = order === 'rename-first' ? [a, b] : [b, a]
    await first.sync()
    await second.sync()
    await c.sync()
    for (const library of [a, b, c]) await library.sync()

    const reference = await a.shared()
    expect(await b.shared()).toEqual(reference)
    expect(await c.shared()).toEqual(reference)
    const tags = a.service.libraryStore.listTags()
    expect(tags.map((tag) => tag.id)).not.toContain(trade)
    const merged = tags.find((tag) => tag.id === economy)!
    expect(merged.aliases.map((alias) => alias.text)).toEqual(expect.arrayContaining(['Trade', 'Commerce']))
    const highlights = await a.highlights()
    for (const id of [h1.id, h3.id]) {
      const highlight = highlights.find((h) => h.id === id)!
      expect(highlight.tagIds).toContain(economy)
      expect(highlight.tagIds).not.toContain(trade)
    }
    // The rename's fate is in the log of a library that decided it (never silent).
    const logs = await Promise.all([a, b].map((library) => readFile(join(library.dir, 'team', 'sync-log.txt'), 'utf8').catch(() => '')))
    expect(logs.join('\n')).toContain(`theme:${trade} (“Commerce”) was merged into the theme “Economy”`)
    for (const library of [a, b, c]) expect((await teamStatus(library.service.libraryStore))?.pending).toBe(0)
  })
})
