import { expect, test, type Page } from '@playwright/test'
import { bodyText } from '../src/common/model/article'
import { translate } from '../src/common/i18n/translate'
import { BriefingService } from '../src/node/service'
import { CouchClient } from '../src/node/team/couch-client'
import { createTeamDatabase } from '../src/node/team/team-admin'
import { connectTeam, openTeamSync } from '../src/node/team/team-connection'
import { CONSULTATIONS } from '../test/annotations/sample-ids'
import { createUser, makeServerAdmin, startTestServer, type TestServer } from '../test/team/team-server'
import { launchApp, newDataDir, SAMPLES_DIR, screenshot, type LaunchedApp } from './harness'
import { selectInBlock } from './text-selection'

/**
 * The team library in the window (issue 16): the Team dialog, the sync status, live sync between
 * two app windows on two data folders against one real team server process, private highlights.
 */
const PASSWORDS = { alice: 'alice-e2e-pw', bob: 'bob-e2e-pw' } as const
const TRADE = /Thương mại hai chiều Việt Nam-Peru/
const FIGURES = 2

let server: TestServer
const apps: LaunchedApp[] = []
let dbCount = 0

test.describe.configure({ mode: 'serial' })
test.setTimeout(180_000)

test.beforeAll(async () => {
  server = await startTestServer()
  await createUser(server, 'bob', PASSWORDS.bob)
  await makeServerAdmin(server, 'alice', PASSWORDS.alice)
})
test.afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()))
})
test.afterAll(async () => {
  await server?.stop()
})

/** A new team database, alice its admin and bob a member (what `team init` makes). */
async function newTeam(): Promise<string> {
  const db = `e2e-${process.pid}-${++dbCount}`
  const client = new CouchClient({ url: server.url, credentials: { user: 'alice', password: PASSWORDS.alice } })
  try {
    await createTeamDatabase(client, db, ['bob'])
  } finally {
    client.close()
  }
  return db
}

async function launch(options: Parameters<typeof launchApp>[0] = {}): Promise<LaunchedApp> {
  const app = await launchApp(options)
  apps.push(app)
  return app
}

async function openTeamDialog(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Library actions' }).click()
  await page.getByRole('menuitem', { name: 'Team…' }).click()
  await expect(page.getByRole('dialog', { name: 'Team library' })).toBeVisible()
}

async function connect(page: Page, db: string, user: keyof typeof PASSWORDS, password: string = PASSWORDS[user]): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Team library' })
  await dialog.getByLabel('Server address').fill(server.url)
  await dialog.getByLabel('Database').fill(db)
  await dialog.getByLabel('User name').fill(user)
  await dialog.getByLabel('Password', { exact: true }).fill(password)
  await dialog.getByRole('button', { name: 'Connect' }).click()
}

const cards = (page: Page) => page.locator('aside [data-annotation-id]')
const status = (page: Page) => page.getByTestId('team-status')

test('the Team dialog warns about plain http and says when the password is wrong', async () => {
  const db = await newTeam()
  const { page } = await launch()
  // No team: no status bar.
  await expect(status(page)).toHaveCount(0)
  await openTeamDialog(page)
  const dialog = page.getByRole('dialog', { name: 'Team library' })
  // This shell has no keychain: the dialog says the password lives in memory for the session.
  await expect(dialog.getByTestId('team-keeping')).toHaveText(/memory for this session only/)
  await expect(dialog.getByTestId('team-insecure')).toHaveCount(0)
  await dialog.getByLabel('Server address').fill('https://couch.embassy.example')
  await expect(dialog.getByTestId('team-insecure')).toHaveCount(0)
  await connect(page, db, 'bob', 'not-the-password')
  await expect(dialog.getByTestId('team-insecure')).toHaveText(/Plain http: the password and the library travel unencrypted/)
  const alert = dialog.getByRole('alert')
  await expect(alert).toHaveText(`The team server ${server.url} refused the user name or password. Check them, and enter the password again.`)
  await expect(alert).not.toContainText('not-the-password')
  await expect(dialog.getByRole('button', { name: 'Connect' })).toBeEnabled()
  expect(await page.evaluate(() => window.api.teamStatus())).toMatchObject({ ok: true, value: { connected: false } })

  // A CA file that is no certificate is refused in the dialog, naming the file.
  await dialog.getByLabel('Certificate authority (optional)').setInputFiles({ name: 'notes.pem', mimeType: 'text/plain', buffer: Buffer.from('hello') })
  await expect(dialog.getByRole('alert').first()).toHaveText('The file notes.pem is not a PEM certificate (it must begin with -----BEGIN CERTIFICATE-----).')

  // Plain http to a public address is refused by the server-url rule, with its reason.
  await dialog.getByLabel('Certificate authority (optional)').setInputFiles([])
  await dialog.getByLabel('Server address').fill('http://93.184.216.34:5984')
  await dialog.getByLabel('Password', { exact: true }).fill(PASSWORDS.bob)
  await dialog.getByRole('button', { name: 'Connect' }).click()
  await expect(dialog.getByRole('alert')).toHaveText(/uses plain http on a public address; use https/)

  // The right password connects: the dialog shows the team and the status bar appears.
  await connect(page, db, 'bob')
  await expect(dialog.getByText(`Connected to “${db}” on ${server.url} as bob.`)).toBeVisible()
  await expect(dialog.getByTestId('team-insecure')).toBeVisible()
  await expect(status(page)).toHaveAttribute('data-state', 'synced')
  await expect(status(page)).toContainText(/Team sync:\s*Synced \d\d:\d\d/)
})

test('a highlight made in one window appears in the other without a reload; authors show; private stays home', async () => {
  const db = await newTeam()
  const alice = await launch()
  const bob = await launch({ samples: false })

  await openTeamDialog(alice.page)
  await connect(alice.page, db, 'alice')
  await expect(status(alice.page)).toHaveAttribute('data-state', 'synced')
  await alice.page.keyboard.press('Escape')

  // bob's empty library fills from the team; the list follows without a reload.
  await openTeamDialog(bob.page)
  await connect(bob.page, db, 'bob')
  await expect(status(bob.page)).toHaveAttribute('data-state', 'synced')
  await bob.page.keyboard.press('Escape')
  await bob.page.getByRole('option', { name: TRADE }).click()
  await expect(bob.page.locator(`main p[data-block="${FIGURES}"]`)).toBeVisible()
  await expect(cards(bob.page)).toHaveCount(0)

  // alice highlights a passage in her window...
  await alice.page.getByRole('option', { name: TRADE }).click()
  await expect(alice.page.locator(`main p[data-block="${FIGURES}"]`)).toBeVisible()
  await selectInBlock(alice.page, FIGURES, 'kim ngạch', 'triệu USD')
  await expect(alice.page.getByRole('toolbar', { name: 'Highlight the selection' })).toBeVisible()
  await alice.page.keyboard.press('2')
  await expect(cards(alice.page)).toHaveCount(1)

  // ...and it appears in bob's open article, with its author.
  await expect(cards(bob.page)).toHaveCount(1)
  await expect(cards(bob.page).first()).toContainText('kim ngạch thương mại')
  await expect(cards(bob.page).first().getByTestId('annotation-author')).toHaveText('by alice')
  await expect(bob.page.locator('main mark').first()).toHaveText('kim ngạch thương mại hai chiều giữa Việt Nam và Peru đã đạt khoảng 600 triệu USD')
  // A colleague's highlight cannot be made private here (it would withdraw their work from the team).
  await expect(cards(bob.page).first().getByRole('checkbox', { name: /^Private/ })).toHaveCount(0)

  // bob's own highlight reaches alice; marked private, it is withdrawn from the team and stays home.
  await selectInBlock(bob.page, FIGURES, 'Peru đã đạt', 'triệu USD')
  await expect(bob.page.getByRole('toolbar', { name: 'Highlight the selection' })).toBeVisible()
  await bob.page.keyboard.press('3')
  await expect(cards(bob.page)).toHaveCount(2)
  await expect(cards(alice.page)).toHaveCount(2)
  const own = cards(bob.page).filter({ hasNot: bob.page.getByTestId('annotation-author') })
  const ownId = (await own.getAttribute('data-annotation-id'))!
  await own.getByRole('checkbox', { name: /^Private/ }).check()
  await expect(cards(alice.page)).toHaveCount(1)
  await expect(bob.page.locator(`aside [data-annotation-id="${ownId}"]`).getByRole('checkbox', { name: /^Private/ })).toBeChecked()
  const privateFlag = await bob.page.evaluate(async (id) => {
    const list = await window.api.listArticles()
    if (!list.ok) throw new Error(list.error.code)
    const all = await Promise.all(list.value.map((article) => window.api.getAnnotations({ articleId: article.id })))
    return all.flatMap((result) => (result.ok ? result.value : [])).find((annotation) => annotation.id === id)?.private
  }, ownId)
  expect(privateFlag).toBe(true)
  const onServer = await server.admin_('GET', `/${db}/${encodeURIComponent(`highlight:${ownId}`)}`)
  expect(onServer).toMatchObject({ status: 404, body: { error: 'not_found' } })
  // Still in bob's window, with the private box checked.
  await expect(cards(bob.page)).toHaveCount(2)
})

/** A real library opened in this process (no window), for preparing what a window then shows. */
function openService(libraryDir: string, samples: boolean): Promise<BriefingService> {
  return BriefingService.open({
    libraryDir,
    ...(samples ? { samplesDir: SAMPLES_DIR } : {}),
    shell: 'browser',
    version: '0.0.0',
    systemLocale: 'en-GB',
    searchWorker: 'in-process',
    parseWorker: 'in-process',
  })
}

/** One sync round of a library, as `team sync` runs it. */
async function syncRound(service: BriefingService, password: string): Promise<void> {
  const { sync, close } = await openTeamSync(service.libraryStore, password, { say: (key, params) => translate('en', key, params) })
  try {
    await sync.round()
  } finally {
    await sync.flush()
    close()
  }
}

/** alice and bob edit one highlight's note at the same time and sync: bob's library holds both versions, flagged. */
async function noteEditedOnBothSides(db: string): Promise<{ bobDir: string; highlightId: string }> {
  const [aliceDir, bobDir] = [await newDataDir(), await newDataDir()]
  const alice = await openService(aliceDir, true)
  const bob = await openService(bobDir, false)
  try {
    await connectTeam(alice.libraryStore, { url: server.url, db, user: 'alice', password: PASSWORDS.alice })
    await connectTeam(bob.libraryStore, { url: server.url, db, user: 'bob', password: PASSWORDS.bob })
    const text = bodyText((await alice.getArticle({ id: CONSULTATIONS })).blocks)
    expect(text.length).toBeGreaterThan(80)
    const made = await alice.createAnnotation({ articleId: CONSULTATIONS, start: 20, end: 70, color: 'yellow', note: 'Talks on Thursday.' })
    await syncRound(alice, PASSWORDS.alice)
    await syncRound(bob, PASSWORDS.bob)
    await alice.updateAnnotation({ articleId: CONSULTATIONS, id: made.id, note: 'Talks moved to Friday.' })
    await bob.updateAnnotation({ articleId: CONSULTATIONS, id: made.id, note: 'Talks stay on Thursday, 9:00.' })
    await syncRound(alice, PASSWORDS.alice)
    await syncRound(bob, PASSWORDS.bob)
    return { bobDir, highlightId: made.id }
  } finally {
    await alice.close()
    await bob.close()
  }
}

test('a note edited on both sides opens side by side; the user keeps one, and the choice is written', async () => {
  const db = await newTeam()
  const { bobDir, highlightId } = await noteEditedOnBothSides(db)
  const { page } = await launch({ dataDir: bobDir, samples: false })
  // No keychain in this shell and a new session: sync waits for the password, and says so.
  await expect(status(page)).toHaveAttribute('data-state', 'needsPassword')
  await expect(status(page)).toContainText('Team password needed')
  await status(page).click()
  const dialog = page.getByRole('dialog', { name: 'Team library' })
  await expect(dialog.getByText('Enter the password for bob to resume syncing.')).toBeVisible()
  await dialog.getByLabel('Password', { exact: true }).fill(PASSWORDS.bob)
  await dialog.getByRole('button', { name: 'Sign in again' }).click()
  await expect(status(page)).toHaveAttribute('data-state', 'synced')

  const conflict = dialog.locator(`[data-doc-id="highlight:${highlightId}"][data-field="note"]`)
  await expect(conflict.locator('[data-side="local"]')).toHaveText('Talks stay on Thursday, 9:00.')
  await expect(conflict.locator('[data-side="remote"]')).toHaveText('Talks moved to Friday.')
  await screenshot(page, 'team-conflict')
  await conflict.getByRole('button', { name: 'Keep the colleague’s' }).click()
  await expect(conflict).toHaveCount(0)
  await expect(page.getByRole('status').filter({ hasText: 'Conflict decided' })).toBeVisible()
  const note = await page.evaluate(async ({ articleId, id }) => {
    const listed = await window.api.getAnnotations({ articleId })
    if (!listed.ok) throw new Error(listed.error.code)
    return listed.value.find((annotation) => annotation.id === id)?.note
  }, { articleId: CONSULTATIONS, id: highlightId })
  expect(note).toBe('Talks moved to Friday.')

  // The sync log, opened from the dialog, names the merge and the decision.
  await dialog.getByRole('button', { name: 'Show sync log' }).click()
  await expect(dialog.getByTestId('team-sync-log').locator('pre')).toContainText(`highlight:${highlightId}`)
  await expect(dialog.getByTestId('team-sync-log').locator('pre')).toContainText('was decided by the user')
})
