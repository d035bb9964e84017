import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { AppError } from '../../../common/errors'
import { translate } from '../../../common/i18n/translate'
import { changeMembers, readMembers } from '../../team/team-admin'
import { PAGE_DOC_PREFIX, removePageImage } from '../../team/team-page-images'
import { MAX_PAGE_IMAGE_MB, NOT_RECEIVED_REASON_ONLY } from '../../../common/team/page-image-reasons'
import { connectTeam, disconnectTeam, initTeam, openTeamSync, requireTeamState, teamClient, teamStatus } from '../../team/team-connection'
import { checkServerUrl } from '../../team/server-url'
import { teamPassword } from '../team-password'
import { printJson, UsageError, type CommandContext, type CommandSpec } from '../context'

/**
 * `team init|connect|sync|status|members|pages|disconnect`: the library's team (docs/team.md). Exit 0
 * on success, 1 with one line naming the reason (server unreachable, refused, wrong password,
 * no longer a member), 2 for a malformed command line.
 */
export const teamCommand: CommandSpec = {
  name: 'team',
  positionals: ['init|connect|sync|status|members|pages|disconnect'],
  optionalPositionals: ['ARG', 'ARG'],
  options: { db: { type: 'string' }, user: { type: 'string' }, member: { type: 'string', multiple: true }, ca: { type: 'string' } },
  help: 'cli.help.team',
  // status, members and pages do not write the library: they work while the app holds it.
  access: ([action]) => (action === 'status' || action === 'members' || action === 'pages' ? 'read' : 'write'),
  async run(context) {
    const [action, ...rest] = context.positionals
    switch (action) {
      case 'init':
      case 'connect':
        return connect(context, action, rest)
      case 'sync':
        return sync(context, rest)
      case 'status':
        return status(context, rest)
      case 'members':
        return members(context, rest)
      case 'pages':
        return pages(context, rest)
      case 'disconnect':
        return disconnect(context, rest)
      default:
        throw new UsageError(context.t('cli.team.error.action', { action: action ?? '' }))
    }
  },
}

function noExtra({ t }: CommandContext, command: string, rest: readonly string[], allowed = 0): void {
  const extra = rest[allowed]
  if (extra !== undefined) throw new UsageError(t('cli.error.extraArgument', { command, argument: extra }))
}

function required({ t, values }: CommandContext, command: string, option: string): string {
  const value = values[option]
  if (typeof value !== 'string' || value === '') throw new UsageError(t('cli.error.missingOption', { command, option: `--${option}` }))
  return value
}

async function readCa(file: string | undefined): Promise<string | null> {
  if (file === undefined) return null
  try {
    return await readFile(resolve(file), 'utf8')
  } catch (error) {
    throw new AppError('team.caUnreadable', { file, reason: (error as NodeJS.ErrnoException).code ?? String(error) })
  }
}

async function connect(context: CommandContext, action: 'init' | 'connect', rest: readonly string[]): Promise<void> {
  const { io, t, values, service, json } = context
  const command = `team ${action}`
  const url = rest[0]
  if (url === undefined) throw new UsageError(t('cli.error.missingArgument', { command, argument: 'URL' }))
  noExtra(context, command, rest, 1)
  const db = required(context, command, 'db')
  const user = required(context, command, 'user')
  const ca = await readCa(typeof values['ca'] === 'string' ? values['ca'] : undefined)
  const checked = checkServerUrl(url)
  const password = await teamPassword(io.env, t('cli.team.passwordPrompt', { user, server: checked.url }))
  const target = { url, db, user, password, ca }
  const memberNames = Array.isArray(values['member']) ? values['member'].filter((name): name is string => typeof name === 'string') : []
  const { state, insecure } = action === 'init' ? await initTeam(service.libraryStore, target, memberNames) : await connectTeam(service.libraryStore, target)
  if (insecure) io.stderr(`briefing-desk: ${t('cli.warning')}: ${t('cli.team.insecure', { server: state.server })}\n`)
  if (json) return printJson(io, { server: state.server, db: state.db, user: state.user, insecure })
  io.stdout(`${t(action === 'init' ? 'cli.team.created' : 'cli.team.connected', { db: state.db, server: state.server, user: state.user })}\n`)
}

async function sync(context: CommandContext, rest: readonly string[]): Promise<void> {
  const { io, t, service, json, locale } = context
  noExtra(context, 'team sync', rest)
  const state = await requireTeamState(service.libraryStore)
  if (state.server.startsWith('http:')) io.stderr(`briefing-desk: ${t('cli.warning')}: ${t('cli.team.insecure', { server: state.server })}\n`)
  const password = await teamPassword(io.env, t('cli.team.passwordPrompt', { user: state.user, server: state.server }))
  const showProgress = !json && process.stderr.isTTY === true
  const { sync: client, close } = await openTeamSync(service.libraryStore, password, {
    say: (key, params) => translate(locale, key, params),
    ...(showProgress ? { onProgress: (progress) => io.stderr(`\r${t('cli.team.progress', progress)}`) } : {}),
  })
  try {
    const report = await client.round()
    if (showProgress) io.stderr('\n')
    if (json) return printJson(io, report)
    io.stdout(`${t('cli.team.synced', { db: state.db, ...report })}\n`)
  } finally {
    await client.flush().catch(() => undefined)
    close()
  }
}

async function status(context: CommandContext, rest: readonly string[]): Promise<void> {
  const { io, t, service, json } = context
  noExtra(context, 'team status', rest)
  const found = await teamStatus(service.libraryStore)
  if (json) return printJson(io, found === null ? { connected: false } : { connected: true, ...found })
  if (found === null) return io.stdout(`${t('cli.team.notConnected')}\n`)
  io.stdout(
    `${t('cli.team.status', {
      server: found.server,
      db: found.db,
      user: found.user,
      pending: found.pending,
      lastSync: found.lastSync ?? t('cli.team.never'),
      conflicts: Object.keys(found.conflicts).length,
      skipped: Object.keys(found.skipped).length,
      log: found.logFile,
    })}\n`,
  )
  // Page images that did not travel, each named with why (docs/team.md#page-images).
  const notReceived = Object.entries(found.pageImages.notReceived)
  if (notReceived.length > 0) {
    io.stdout(`${t('cli.team.pagesNotReceived', { count: notReceived.length })}\n`)
    for (const [id, entry] of notReceived) {
      // The type the article names (the one the bytes were not), read from the article: the notes keep only the reason.
      const type = await typeNamed(service, entry.articles, id.slice(PAGE_DOC_PREFIX.length))
      const reason = t(NOT_RECEIVED_REASON_ONLY[entry.reason], { type, max: MAX_PAGE_IMAGE_MB })
      io.stdout(`  ${id}  ${t('cli.team.pageNotReceived', { article: entry.articles.join(', '), page: entry.page, reason })}${entry.detail === undefined ? '' : ` (${entry.detail})`}\n`)
    }
  }
  const notSent = Object.entries(found.pageImages.notSent)
  if (notSent.length > 0) {
    io.stdout(`${t('cli.team.pagesNotSent', { count: notSent.length })}\n`)
    for (const [id, entry] of notSent) io.stdout(`  ${id}  ${t('cli.team.pageNotSent', { article: entry.article, page: entry.page, serverLength: entry.serverLength, length: entry.length })}\n`)
  }
}

/** The image type the first of these articles the library holds names for this digest ('' when none does any more). */
async function typeNamed(service: CommandContext['service'], articleIds: readonly string[], digest: string): Promise<string> {
  for (const articleId of articleIds) {
    if (!service.libraryStore.hasArticle(articleId)) continue
    const ref = (await service.libraryStore.getArticle(articleId))?.ocr?.pageImages?.find((candidate) => candidate.asset === digest)
    if (ref !== undefined) return ref.type
  }
  return ''
}

/** `team pages remove ID`: an admin removes a page image the server holds with the wrong bytes, so the true ones can be sent. */
async function pages(context: CommandContext, rest: readonly string[]): Promise<void> {
  const { io, t, service, json } = context
  const [action, id] = rest
  if (action !== 'remove') throw new UsageError(t('cli.team.error.pagesAction', { action: action ?? '' }))
  if (id === undefined) throw new UsageError(t('cli.error.missingArgument', { command: 'team pages remove', argument: 'ID' }))
  noExtra(context, 'team pages remove', rest, 2)
  const state = await requireTeamState(service.libraryStore)
  const password = await teamPassword(io.env, t('cli.team.passwordPrompt', { user: state.user, server: state.server }))
  const { client } = await teamClient(service.libraryStore, password)
  try {
    const removed = await removePageImage(client, state.db, id)
    if (json) return printJson(io, { id, removed })
    io.stdout(`${t(removed ? 'cli.team.pageRemoved' : 'cli.team.pageNotOnServer', { id, db: state.db })}\n`)
  } finally {
    client.close()
  }
}

async function members(context: CommandContext, rest: readonly string[]): Promise<void> {
  const { io, t, service, json } = context
  const [action, name] = rest
  if (action !== undefined && action !== 'add' && action !== 'remove') throw new UsageError(t('cli.team.error.membersAction', { action }))
  if (action !== undefined && name === undefined) throw new UsageError(t('cli.error.missingArgument', { command: `team members ${action}`, argument: 'NAME' }))
  const state = await requireTeamState(service.libraryStore)
  const password = await teamPassword(io.env, t('cli.team.passwordPrompt', { user: state.user, server: state.server }))
  const { client } = await teamClient(service.libraryStore, password)
  try {
    const result = action === undefined ? await readMembers(client, state.db) : await changeMembers(client, state.db, action === 'add' ? { add: name! } : { remove: name! })
    if (json) return printJson(io, result)
    io.stdout(`${t('cli.team.members', { admins: result.admins.join(', ') || '-', members: result.members.join(', ') || '-' })}\n`)
  } finally {
    client.close()
  }
}

async function disconnect(context: CommandContext, rest: readonly string[]): Promise<void> {
  const { io, t, service, json } = context
  noExtra(context, 'team disconnect', rest)
  const state = await disconnectTeam(service.libraryStore)
  const logFile = resolve(service.libraryStore.dir, 'team', 'sync-log.txt')
  if (json) return printJson(io, { server: state.server, db: state.db, disconnected: true })
  io.stdout(`${t('cli.team.disconnected', { db: state.db, server: state.server, log: logFile })}\n`)
}
