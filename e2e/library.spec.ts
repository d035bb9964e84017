import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { launchApp, type LaunchedApp, libraryRows, newDataDir, screenshot } from './harness'

let app: LaunchedApp | undefined
test.afterEach(async () => app?.close())

test('a damaged library index comes back from its second copy, and the user is told what happened', async () => {
  app = await launchApp()
  const dataDir = app.dataDir
  await expect(libraryRows(app.page)).toHaveCount(4)
  await app.close()
  await writeFile(join(dataDir, 'library.json'), '{"schemaVersion":2,"libraryId":"0')

  app = await launchApp({ dataDir })
  const { page } = app
  await expect(libraryRows(page)).toHaveCount(4)
  const notice = page.getByRole('alert').filter({ hasText: 'The library was repaired' })
  await expect(notice).toContainText('was damaged (it was cut short) and has been restored from its second copy; nothing is missing.')
  await expect(notice).toContainText('library.json.corrupt-')
  await screenshot(page, 'library-repaired')
  await notice.getByRole('button', { name: 'Dismiss' }).click()
  await expect(notice).toHaveCount(0)
})

test('with the index and its second copy both damaged, the index is rebuilt from the articles', async () => {
  app = await launchApp()
  const dataDir = app.dataDir
  await expect(libraryRows(app.page)).toHaveCount(4)
  await app.close()
  await writeFile(join(dataDir, 'library.json'), '{"schemaVersion":2,"libraryId":"0')
  await writeFile(join(dataDir, 'mirror', 'library.json'), '')

  app = await launchApp({ dataDir })
  const { page } = app
  await expect(libraryRows(page)).toHaveCount(4)
  const notice = page.getByRole('alert').filter({ hasText: 'The library was repaired' })
  await expect(notice).toContainText('The library index was damaged (it was cut short) and has been rebuilt from the articles; nothing is missing.')
})

test('backs up the library from the library menu, and restores it into another library', async () => {
  const backupFile = join(await newDataDir(), 'desk.bdbackup')
  app = await launchApp({ dialogs: { saveFile: backupFile } })
  let page = app.page
  await expect(libraryRows(page)).toHaveCount(4)
  await page.getByRole('button', { name: 'Library actions' }).click()
  await expect(page.getByRole('menu')).toBeVisible()
  await screenshot(page, 'library-menu')
  await page.getByRole('menuitem', { name: 'Back up library…' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Backup saved to' })).toContainText(backupFile)
  expect(existsSync(backupFile)).toBe(true)
  await app.close()

  app = await launchApp({ samples: false, dialogs: { openFile: backupFile, confirm: true } })
  page = app.page
  await expect(page.getByText('Your library is empty')).toBeVisible()
  // The menu works from the keyboard: open with Enter, move with the arrows.
  await page.getByRole('button', { name: 'Library actions' }).focus()
  await page.keyboard.press('Enter')
  await page.keyboard.press('ArrowDown')
  await expect(page.getByRole('menuitem', { name: 'Restore from backup…' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(libraryRows(page)).toHaveCount(4)
  await expect(page.getByRole('status').filter({ hasText: 'The library was restored from' })).toBeVisible()
})

test('a cancelled backup or restore changes nothing and says nothing', async () => {
  app = await launchApp({ dialogs: { saveFile: null, openFile: null } })
  const { page } = app
  await expect(libraryRows(page)).toHaveCount(4)
  for (const item of ['Back up library…', 'Restore from backup…']) {
    await page.getByRole('button', { name: 'Library actions' }).click()
    await page.getByRole('menuitem', { name: item }).click()
  }
  await expect(page.getByRole('menu')).toHaveCount(0)
  await expect(page.locator('.toast')).toHaveCount(0)
  await expect(libraryRows(page)).toHaveCount(4)
})

test('a backup that is not one is refused with a message naming the file', async () => {
  const bogus = join(await newDataDir(), 'notes.bdbackup')
  await writeFile(bogus, 'just some text')
  app = await launchApp({ dialogs: { openFile: bogus, confirm: true } })
  const { page } = app
  await page.getByRole('button', { name: 'Library actions' }).click()
  await page.getByRole('menuitem', { name: 'Restore from backup…' }).click()
  await expect(page.locator('.toast.error')).toContainText(`The file ${bogus} is not a Briefing Desk backup.`)
  await expect(libraryRows(page)).toHaveCount(4)
  await screenshot(page, 'restore-error')
})
