import { expect, test, type Page } from '@playwright/test'
import { QUOTES, seedLibrary } from '../test/briefs/seed'
import { launchApp, newDataDir, screenshot, type LaunchedApp } from './harness'

/** The composition tools around the brief editor: the template manager, the markings editor, and "Add to brief" from search. */
let app: LaunchedApp
test.afterEach(async () => app?.close())

async function shots(page: Page, name: string): Promise<void> {
  await screenshot(page, `${name}-light`)
  await page.emulateMedia({ colorScheme: 'dark' })
  await screenshot(page, `${name}-dark`)
  await page.emulateMedia({ colorScheme: 'light' })
}

test('duplicate a template, edit and reorder its sections, then create a brief from it', async () => {
  test.setTimeout(120_000)
  const dataDir = await newDataDir()
  await seedLibrary(dataDir)
  app = await launchApp({ dataDir })
  const { page } = app

  await page.locator('#view-tab-briefs').click()
  await page.getByRole('button', { name: 'Templates…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Templates' })
  await dialog.getByRole('button', { name: /^Talking points/ }).click()
  await expect(dialog.getByTestId('template-readonly')).toContainText('Built-in templates are read-only')
  await dialog.getByTestId('template-readonly').getByRole('button', { name: 'Duplicate' }).click()

  // The copy is selected for editing, its name field focused.
  const name = dialog.locator('#template-name-en')
  await expect(name).toHaveValue('Talking points (copy)')
  await expect(name).toBeFocused()
  await name.fill('Peru talking points')
  await dialog.locator('#template-name-vi').fill('Các điểm trao đổi về Peru')

  // A blank heading is refused beside its field, and nothing is saved until it is fixed.
  const sections = dialog.getByTestId('template-section')
  await expect(sections).toHaveCount(4)
  const firstHeading = sections.nth(0).getByRole('group', { name: 'Heading' }).getByRole('textbox').first()
  await firstHeading.fill('')
  await expect(sections.nth(0).getByText('Required.')).toBeVisible()
  await expect(dialog.getByTestId('template-status')).toHaveText(/Not saved: correct the fields/)
  await firstHeading.fill('Our aims')
  await expect(sections.nth(0).getByText('Required.')).toHaveCount(0)
  await sections.nth(0).getByRole('group', { name: 'Guidance for the writer (not exported)' }).getByRole('textbox').first().fill('Two lines at most.')
  // "If raised" wants the Telecom theme's passages (checked once a brief is drafted from themes, below).
  await sections.nth(2).getByTestId('template-section-themes').fill('Telecom')
  await sections.nth(2).getByTestId('template-section-themes').blur()

  // Reorder by keyboard: "If raised" (third) moves up to second, announced.
  await sections.nth(2).focus()
  await page.keyboard.press('Alt+ArrowUp')
  await expect(sections.nth(1).getByRole('group', { name: 'Heading' }).getByRole('textbox').first()).toHaveValue('If raised')
  await expect(sections.nth(1)).toBeFocused()
  await expect(dialog.getByTestId('template-announcement')).toHaveText('Section moved to position 2 of 4.')
  await dialog.getByRole('checkbox', { name: 'End with the key figures table' }).uncheck()
  await expect(dialog.getByTestId('template-status')).toHaveText('All changes saved')
  await shots(page, 'brief-templates')
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(dialog).toBeHidden()

  await page.getByTestId('brief-template').selectOption({ label: 'Peru talking points' })
  await page.getByRole('button', { name: 'New brief from template' }).click()
  const headings = page.getByTestId('section-heading')
  await expect(headings).toHaveCount(4)
  await expect(headings.nth(0)).toHaveValue('Our aims')
  await expect(headings.nth(1)).toHaveValue('If raised')
  // Empty, the sections are left out of the preview as of the exports; with text, a section shows.
  await expect(page.getByTestId('brief-preview')).not.toContainText('Our aims')
  await expect(page.getByTestId('section-left-out')).toHaveCount(4)
  // The edited guidance shows in the section's empty text field.
  await expect(page.getByRole('textbox', { name: 'Text of “Our aims” (Markdown)' })).toHaveAttribute('placeholder', 'Two lines at most.')
  await page.getByRole('textbox', { name: 'Text of “Our aims” (Markdown)' }).fill('A telecom agreement.')
  await expect(page.getByTestId('brief-preview').locator('h2', { hasText: 'Our aims' })).toBeVisible()
  await expect(page.getByTestId('section-left-out')).toHaveCount(3)

  // Drafted from themes with this template, Telecom's passage goes into "If raised", Trade's into a section of its own.
  await page.getByRole('checkbox', { name: /^Trade/ }).check()
  await page.getByRole('checkbox', { name: /^Telecom/ }).check()
  await page.getByRole('button', { name: 'New brief from themes' }).click()
  await expect(headings).toHaveCount(5)
  await expect(page.getByTestId('brief-language')).toHaveValue('vi')
  await page.getByTestId('brief-language').selectOption('en')
  const ifRaised = page.locator('[data-section]').nth(1)
  await expect(ifRaised.getByTestId('section-heading')).toHaveValue('If raised')
  await expect(headings.nth(3)).toHaveValue('Trade')
  await expect(ifRaised.getByTestId('passage')).toHaveCount(1)
  await expect(ifRaised.getByTestId('passage')).toContainText(QUOTES.bitel)

  // Delete the copy; Undo brings it back.
  await page.getByRole('button', { name: 'Templates…' }).click()
  await dialog.getByRole('button', { name: 'Delete the template “Peru talking points”' }).click()
  await expect(dialog.getByRole('button', { name: /^Peru talking points/ })).toHaveCount(0)
  await expect(dialog.getByTestId('template-notice')).toHaveText(/Deleted the template “Peru talking points”./)
  await dialog.getByTestId('template-notice').getByRole('button', { name: 'Undo' }).click()
  await expect(dialog.getByRole('button', { name: /^Peru talking points/ })).toBeVisible()
})

test('edit the markings list, pick the new marking, and be told which briefs use it before removing it', async () => {
  test.setTimeout(120_000)
  const dataDir = await newDataDir()
  await seedLibrary(dataDir)
  app = await launchApp({ dataDir })
  const { page } = app

  await page.locator('#view-tab-briefs').click()
  await page.getByRole('button', { name: 'New brief from template' }).click()
  await page.getByLabel('Title', { exact: true }).fill('Peru visit')

  await page.getByRole('button', { name: 'Markings…' }).first().click()
  const dialog = page.getByRole('dialog', { name: 'Handling markings' })
  await expect(dialog.getByTestId('built-in-markings')).toContainText('Internal')
  await dialog.getByRole('button', { name: 'Add a marking' }).click()
  await dialog.getByLabel('Marking 1').fill('internal')
  await expect(dialog.getByText('Already a built-in marking.')).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Save' })).toBeDisabled()
  await dialog.getByLabel('Marking 1').fill('Eyes only: Ambassador')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toBeHidden()

  await page.getByLabel('Handling marking').selectOption('Eyes only: Ambassador')
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved')
  await expect(page.getByTestId('brief-preview')).toContainText('Eyes only: Ambassador')

  // Removing it from the list names the brief that carries it, and asks first.
  await page.getByRole('button', { name: 'Markings…' }).first().click()
  await expect(dialog.getByTestId('marking-usage')).toHaveText('Used by 1 brief: “Peru visit”')
  await dialog.getByRole('button', { name: 'Remove “Eyes only: Ambassador”' }).click()
  await expect(dialog.getByRole('alert')).toContainText('“Eyes only: Ambassador” is used by “Peru visit”')
  await shots(page, 'brief-markings')
  await dialog.getByRole('button', { name: 'Remove', exact: true }).click()
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toBeHidden()
  // The brief keeps its marking, word for word.
  await expect(page.getByLabel('Handling marking')).toHaveValue('Eyes only: Ambassador')
})

test('add a highlight found by search to the open brief’s last-used section, with undo', async () => {
  test.setTimeout(120_000)
  const dataDir = await newDataDir()
  await seedLibrary(dataDir)
  app = await launchApp({ dataDir })
  const { page } = app

  await page.locator('#view-tab-briefs').click()
  await page.getByTestId('brief-template').selectOption('talking-points')
  await page.getByRole('button', { name: 'New brief from template' }).click()
  await page.getByTestId('section-heading').nth(1).click()
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved')

  await page.locator('#view-tab-library').click()
  const box = page.getByRole('combobox', { name: 'Search the library' })
  await box.fill('kim ngạch Peru')
  const hit = page.locator('.hit', { hasText: 'Highlight' }).filter({ hasText: '600 triệu USD' }).first()
  await expect(hit).toBeVisible()
  await hit.hover()
  await box.focus()
  await page.keyboard.press('Control+Enter')

  const picker = page.getByTestId('add-to-brief')
  await expect(picker.getByRole('combobox', { name: 'Brief' })).toHaveValue(/^br_/)
  await expect(picker.getByRole('combobox', { name: 'Section' }).locator('option:checked')).toHaveText('Points to make')
  await expect(picker.locator('blockquote')).toHaveText(QUOTES.total)
  await expect(picker.locator('figcaption')).toContainText('TTXVN/Vietnam+ · 24 April 2023 · paragraph 3')
  await shots(page, 'brief-add-from-search')
  await picker.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(page.getByText('Added to “Talking points”, section “Points to make”.')).toBeVisible()

  // A text hit has no highlight to cite: the app says so instead of opening the picker.
  const textHit = page.locator('.hit', { hasText: 'Text' }).first()
  await textHit.hover()
  await box.focus()
  await page.keyboard.press('Control+Enter')
  await expect(page.getByText('Only highlights can be added to a brief')).toBeVisible()

  await page.locator('#view-tab-briefs').click()
  const section = page.locator('[data-section]').nth(1)
  await expect(section.getByTestId('passage')).toHaveCount(1)
  await expect(section.getByTestId('passage')).toContainText('TTXVN/Vietnam+ · 24 April 2023 · paragraph 3')
  const preview = page.getByTestId('brief-preview')
  await expect(preview.locator('blockquote')).toContainText(QUOTES.total)
  await expect(preview.locator('#fn-1')).toContainText('paragraph 3')

  // Add it again by the button, then undo from the toast: the second copy goes, the first stays.
  await page.locator('#view-tab-library').click()
  await box.fill('kim ngạch Peru')
  await hit.hover()
  await hit.getByRole('button', { name: 'Add to brief' }).click()
  await page.getByTestId('add-to-brief').getByRole('button', { name: 'Add', exact: true }).click()
  // The newest confirmation's Undo (the first one's toast may still be showing).
  await page.getByRole('status').filter({ hasText: 'Added to' }).getByRole('button', { name: 'Undo' }).last().click()
  await expect(page.getByText('Removed the passage from “Talking points” again.')).toBeVisible()
  await page.locator('#view-tab-briefs').click()
  await expect(page.locator('[data-section]').nth(1).getByTestId('passage')).toHaveCount(1)
})
