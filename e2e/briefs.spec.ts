import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { LibraryStore } from '../src/node/store/library-store'
import { ANNOTATION_IDS, QUOTES, seedLibrary } from '../test/briefs/seed'
import { launchApp, newDataDir, screenshot, type LaunchedApp } from './harness'

let app: LaunchedApp
test.afterEach(async () => app?.close())

test('compose a brief: template, passages from an article, keyboard reorder, paraphrase, preview, export', async () => {
  test.setTimeout(120_000)
  const dataDir = await newDataDir()
  await seedLibrary(dataDir)
  const exportDir = await newDataDir()
  const exported = join(exportDir, 'brief.md')
  app = await launchApp({ dataDir, dialogs: { saveFile: exported } })
  const { page } = app

  await page.locator('#view-tab-briefs').click()
  await expect(page.getByText('No briefs yet')).toBeVisible()
  await page.getByTestId('brief-template').selectOption('talking-points')
  await page.getByRole('button', { name: 'New brief from template' }).click()
  const headings = page.getByTestId('section-heading')
  await expect(headings).toHaveCount(4)
  await expect(headings.nth(1)).toHaveValue('Points to make')

  // Add the trade article's highlights to "Points to make".
  const source = page.getByTestId('passage-source')
  const tradeValue = await source.locator('option', { hasText: '600 triệu USD' }).getAttribute('value')
  await source.selectOption(tradeValue!)
  const panel = page.getByRole('region', { name: 'Add passages' })
  await panel.getByRole('checkbox', { name: QUOTES.total }).check()
  await panel.getByRole('checkbox', { name: QUOTES.quarter }).check()
  await panel.getByRole('combobox').nth(1).selectOption({ label: 'Points to make' })
  await panel.getByRole('button', { name: 'Add 2 passages' }).click()

  const passages = page.locator('[data-section] [data-testid="passage"]')
  await expect(passages).toHaveCount(2)
  await expect(passages.nth(0)).toContainText(QUOTES.total)
  await expect(passages.nth(0)).toContainText('TTXVN/Vietnam+ · 24 April 2023 · paragraph 3')

  // Reorder by keyboard: the second passage moves up, and the move is announced.
  await passages.nth(1).focus()
  await page.keyboard.press('Alt+ArrowUp')
  await expect(passages.nth(0)).toContainText(QUOTES.quarter)
  await expect(passages.nth(0)).toBeFocused()
  await expect(page.getByTestId('announcement')).toHaveText('Passage moved to position 1 of 2.')

  // Paraphrase the first passage; the preview follows, with the citation kept.
  await passages.nth(0).getByRole('radio', { name: 'My paraphrase' }).check()
  await passages.nth(0).getByRole('textbox').fill('Trao đổi hàng hóa quý I/2023 tăng 2,5%.')
  const preview = page.getByTestId('brief-preview')
  const paraphrase = preview.locator('p', { hasText: 'Trao đổi hàng hóa quý I/2023 tăng 2,5%.' })
  await expect(paraphrase.locator('sup.footnote-ref a')).toHaveAttribute('href', '#fn-1')
  await expect(preview.locator('#fn-1')).toContainText(/(paragraph|đoạn) \d/)
  await expect(preview.locator('blockquote')).toContainText(QUOTES.total)
  await expect(preview.locator('table')).toContainText('600 triệu USD')

  await page.getByLabel('Handling marking').selectOption('Internal')
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved')
  await screenshot(page, 'briefs-editor-light')

  await page.getByRole('button', { name: 'Markdown' }).click()
  await expect(page.getByText(`Exported to ${exported} as Markdown.`)).toBeVisible()
  const markdown = await readFile(exported, 'utf8')
  expect(markdown).toContain('Trao đổi hàng hóa quý I/2023 tăng 2,5%.[^1]')
  expect(markdown.indexOf('Trao đổi hàng hóa quý I/2023')).toBeLessThan(markdown.indexOf(QUOTES.total))
  expect(markdown).toContain('**Marking: Internal**')
})

test('delete a brief and undo it from the toast', async () => {
  const dataDir = await newDataDir()
  await seedLibrary(dataDir)
  app = await launchApp({ dataDir })
  const { page } = app
  await page.locator('#view-tab-briefs').click()
  await page.getByRole('checkbox', { name: /^Trade/ }).check()
  await page.getByRole('button', { name: 'New brief from themes' }).click()
  // The theme's passages went into a section of their own (the template's sections come first).
  await expect.poll(() => page.getByTestId('section-heading').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))).toContain('Thương mại và đầu tư')
  await page.getByRole('button', { name: 'Delete “Bản tóm tắt: Thương mại”' }).click()
  await expect(page.getByText('No briefs yet')).toBeVisible()
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(page.getByRole('button', { name: /Bản tóm tắt: Thương mại/ }).first()).toBeVisible()
})

const NOTE = 'Peru muốn thỏa thuận viễn thông – cơ hội cho Viettel/Bitel'

test('a brief from a theme: laid out by the template, in its sources’ language, with the analyst’s note under its passage', async () => {
  test.setTimeout(150_000)
  const dataDir = await newDataDir()
  const { trade } = await seedLibrary(dataDir)
  // The analyst's note on the 600 million highlight.
  const store = await LibraryStore.open(dataDir)
  await store.setAnnotations(trade.id, (await store.getAnnotations(trade.id)).map((annotation) => (annotation.id === ANNOTATION_IDS.total ? { ...annotation, note: NOTE } : annotation)))
  await store.close()
  const exportDir = await newDataDir()
  const exported = join(exportDir, 'brief.md')
  app = await launchApp({ dataDir, dialogs: { saveFile: exported } })
  const { page } = app

  // The Briefs view's theme picker is the theme tree, with the passages under each theme.
  await page.locator('#view-tab-briefs').click()
  const picker = page.getByTestId('brief-themes')
  const tradeItem = picker.locator('li', { has: page.getByRole('checkbox', { name: /^Trade/ }) }).first()
  await expect(tradeItem.locator('ul li')).toContainText('CPTPP')
  await expect(page.getByRole('checkbox', { name: /^Trade/ })).toHaveAccessibleName('Trade 3 passages')
  await page.getByTestId('brief-template').selectOption('talking-points')

  // "Brief from this theme" in the Themes view drafts it with the template chosen in Briefs.
  await page.locator('#view-tab-themes').click()
  await page.getByRole('treeitem', { name: /^Trade/ }).click()
  await page.getByRole('button', { name: 'Brief from this theme' }).click()
  const headings = page.getByTestId('section-heading')
  await expect(headings).toHaveCount(5)
  await expect(headings.nth(2)).toHaveValue('Thương mại')
  await expect(page.getByTestId('brief-language')).toHaveValue('vi')
  await expect(page.getByLabel('Title')).toHaveValue('Bản tóm tắt: Thương mại')

  // The preview speaks the brief's language; the empty template sections are left out of it.
  const preview = page.getByTestId('brief-preview')
  await expect(preview.locator('h2', { hasText: 'Nguồn tham khảo' })).toBeVisible()
  await expect(preview).toContainText('(chú thích 1')
  await expect(preview).not.toContainText('Sources')
  await expect(preview.locator('h2', { hasText: 'Mục tiêu' })).toHaveCount(0)
  await expect(preview.locator('.passage-comment')).toHaveText(`Nhận xét của người soạn: ${NOTE}`)
  await expect(preview.locator('blockquote', { hasText: QUOTES.total })).toContainText(`…${QUOTES.total}`)
  await expect(page.getByTestId('section-left-out')).toHaveCount(4)

  // Kept on purpose, an empty section is exported.
  await page.getByTestId('section-keep').first().check()
  await expect(preview.locator('h2', { hasText: 'Mục tiêu' })).toBeVisible()

  // The note: off for this passage, back on, then off for the whole brief.
  const note = page.getByTestId('passage-note')
  await expect(note).toContainText(NOTE)
  await note.getByTestId('passage-show-note').uncheck()
  await expect(preview.locator('.passage-comment')).toHaveCount(0)
  await note.getByTestId('passage-show-note').check()
  await expect(preview.locator('.passage-comment')).toHaveCount(1)
  await page.getByTestId('brief-show-notes').uncheck()
  await expect(preview.locator('.passage-comment')).toHaveCount(0)
  await expect(note.getByTestId('passage-show-note')).toBeDisabled()
  await page.getByTestId('brief-show-notes').check()
  await screenshot(page, 'brief-from-theme-vi-brief')

  // English for the brief: its headings, labels and marking, whatever the sources.
  await page.getByTestId('brief-language').selectOption('en')
  await expect(headings.nth(0)).toHaveValue('Objectives')
  await expect(headings.nth(2)).toHaveValue('Trade')
  await page.getByLabel('Handling marking').selectOption('Internal')
  await expect(preview.locator('.passage-comment')).toHaveText(`Author’s comment: ${NOTE}`)
  await expect(preview.locator('h2', { hasText: 'Sources' })).toBeVisible()
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved')

  await page.getByRole('button', { name: 'Markdown' }).click()
  await expect(page.getByText(`Exported to ${exported} as Markdown.`)).toBeVisible()
  const markdown = await readFile(exported, 'utf8')
  expect([...markdown.matchAll(/^## (.+)$/gm)].map((match) => match[1])).toEqual(['Objectives', 'Trade', 'Key figures', 'Sources'])
  expect(markdown).toContain(`**Author’s comment:** ${NOTE}`)
  expect(markdown).toMatch(/\(footnotes? [\d, ]+\)$/m)
  expect(markdown).toContain('**Marking: Internal**')
  expect(markdown).toMatch(/^lang: "en"$/m)

  // The interface in Vietnamese: the English brief still previews in English, its marking included.
  await page.locator('#view-tab-library').click()
  await page.getByRole('radio', { name: 'Tiếng Việt' }).click()
  await page.locator('#view-tab-briefs').click()
  await expect(page.getByTestId('brief-language')).toHaveValue('en')
  await expect(preview.locator('h2', { hasText: 'Sources' })).toBeVisible()
  await expect(preview.locator('.brief-marking').first()).toHaveText('Marking: Internal')
  await expect(preview).not.toContainText('Phạm vi lưu hành')
  await screenshot(page, 'brief-english-in-vietnamese-ui')
})
