import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { makeTempFolder } from '../test/temp-folders'
import { launchApp, type LaunchedApp, libraryRows, ROOT, screenshot } from './harness'

const FILES = join(ROOT, 'test', 'fixtures', 'import', 'files')

let app: LaunchedApp
test.afterEach(async () => app?.close())

const PASTED_TITLE = 'Việt Nam và Chile thúc đẩy hợp tác nông nghiệp'
const PASTED = [
  'date 2024-05-06',
  PASTED_TITLE,
  'Santiago (TTXVN) - Hai bên nhất trí mở rộng trao đổi nông sản và đầu tư vào chế biến thực phẩm.',
  '[Chile coi Việt Nam là đối tác hàng đầu ở châu Á]',
  'Kim ngạch thương mại song phương năm 2023 đạt khoảng 1,5 tỷ USD, theo số liệu của Bộ Công Thương./.',
].join('\n')

/** A paste as the browser delivers it: a ClipboardEvent carrying text (and optionally HTML). */
async function pasteInto(page: Page, text: string, html: string | null = null): Promise<void> {
  await page.evaluate(
    ({ text, html }) => {
      const data = new DataTransfer()
      data.setData('text/plain', text)
      if (html !== null) data.setData('text/html', html)
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    },
    { text, html },
  )
}

/** Files dropped on the window: a DataTransfer built in the page from the files' bytes. */
async function dropFiles(page: Page, files: { name: string; base64: string }[], { hold = false } = {}): Promise<void> {
  await page.evaluate(
    ({ files, hold }) => {
      const data = new DataTransfer()
      for (const file of files) data.items.add(new File([Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))], file.name))
      document.body.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true, cancelable: true }))
      document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }))
      if (!hold) document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }))
    },
    { files, hold },
  )
}

async function fixture(name: string, as = name.split('/').pop()!): Promise<{ name: string; base64: string }> {
  return { name: as, base64: (await readFile(join(FILES, name))).toString('base64') }
}

test('pasting an article anywhere but a text field imports it, and the summary says so', async () => {
  app = await launchApp()
  const { page } = app
  await expect(libraryRows(page)).toHaveCount(4)
  await pasteInto(page, PASTED)
  const summary = page.getByRole('dialog', { name: 'Import finished' })
  await expect(summary).toContainText('1 article added')
  await screenshot(page, 'import-summary-paste-light')
  await summary.getByRole('button', { name: 'Close' }).click()
  await expect(summary).toBeHidden()
  await expect(libraryRows(page)).toHaveCount(5)
  await page.getByRole('option', { name: new RegExp(PASTED_TITLE) }).click()
  await expect(page.locator('article h1')).toHaveText(PASTED_TITLE)
  await expect(page.locator('article')).not.toContainText('[Chile coi')
  // The removed link is listed under Cleaning, with its text.
  await expect(page.getByTestId('cleaning')).toContainText('[Chile coi Việt Nam là đối tác hàng đầu ở châu Á]')

  // The same text again is recognised, and the summary offers the article it matches.
  await pasteInto(page, PASTED)
  const again = page.getByRole('dialog', { name: 'Import finished' })
  await expect(again).toContainText('1 already in the library')
  await expect(again.getByTestId('import-duplicates')).toContainText(`The pasted text is the same article as “${PASTED_TITLE}”.`)
  await again.getByRole('button', { name: 'Close' }).click()
  await expect(libraryRows(page)).toHaveCount(5)
})

test('the Import dialog imports pasted text, and refuses empty text with a message', async () => {
  app = await launchApp({ samples: false, locale: 'vi-VN' })
  const { page } = app
  await page.getByRole('button', { name: 'Nhập', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Nhập bài viết' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Nhập văn bản đã dán' })).toBeDisabled()
  await dialog.getByLabel('Hoặc dán một bài viết').fill(PASTED)
  await screenshot(page, 'import-dialog-vi-light')
  await dialog.getByRole('button', { name: 'Nhập văn bản đã dán' }).click()
  await expect(page.getByRole('dialog', { name: 'Đã nhập xong' })).toContainText('Đã thêm 1 bài viết')
  await page.getByRole('button', { name: 'Đóng' }).click()
  await expect(libraryRows(page)).toHaveCount(1)

  // Whitespace only: the service says why, as a toast; nothing is added.
  await pasteInto(page, '   ', '<p> </p>')
  await expect(page.getByRole('status').filter({ hasText: 'Nội dung vừa dán' })).toBeVisible()
  await expect(libraryRows(page)).toHaveCount(1)
})

test('dropping files shows the drop overlay, imports each file on its own and lists what failed', async () => {
  app = await launchApp()
  const { page } = app
  await dropFiles(page, [await fixture('vi-bitel.txt')], { hold: true })
  await expect(page.getByText('Drop files to import them')).toBeVisible()
  await screenshot(page, 'import-drop-overlay-light')
  await dropFiles(page, [await fixture('vi-bitel.docx'), await fixture('bad/binary.txt'), await fixture('en-vna.html'), { name: 'photo.jpg', base64: 'AAAA' }, { name: 'drawing.bmp', base64: 'Qk0AAAA=' }])
  await expect(page.getByText('Drop files to import them')).toBeHidden()
  const summary = page.getByRole('dialog', { name: 'Import finished' })
  await expect(summary).toContainText('2 articles added')
  await expect(summary).toContainText('3 files could not be imported')
  const failures = summary.getByTestId('import-failures')
  await expect(failures).toContainText('The file binary.txt is not a text file: it contains binary data.')
  // A .jpg is read by OCR: four bytes are no image. A .bmp is not a format the app reads.
  await expect(failures).toContainText('The file photo.jpg is damaged or is not a real image')
  await expect(failures).toContainText('The file drawing.bmp is not in a format Briefing Desk can import (.bmp)')
  await screenshot(page, 'import-summary-drop-light')
  await summary.getByRole('button', { name: 'Close' }).click()
  await expect(libraryRows(page)).toHaveCount(6)
})

test('Import > Choose files… imports through the file dialog; a duplicate opens the article it matches', async () => {
  const paths = [join(FILES, 'vi-bitel.txt'), join(FILES, 'en-vna.txt'), join(FILES, 'vi-bitel.windows-1258.txt')]
  app = await launchApp({ samples: false, dialogs: { openPaths: paths }, colorScheme: 'dark' })
  const { page } = app
  await page.getByRole('button', { name: 'Import', exact: true }).click()
  await page.getByRole('button', { name: 'Choose files…' }).click()
  const summary = page.getByRole('dialog', { name: 'Import finished' })
  await expect(summary).toContainText('2 articles added')
  await expect(summary).toContainText('1 already in the library')
  await expect(summary.getByTestId('import-duplicates')).toContainText('vi-bitel.windows-1258.txt is the same article as “Việt Nam và Peru mở rộng hợp tác viễn thông và giáo dục”.')
  await screenshot(page, 'import-summary-dialog-dark')
  await summary.getByRole('button', { name: 'Open' }).click()
  await expect(summary).toBeHidden()
  await expect(page.locator('article h1')).toHaveText('Việt Nam và Peru mở rộng hợp tác viễn thông và giáo dục')
  await expect(page.getByTestId('library-list').getByRole('option', { selected: true })).toContainText('Việt Nam và Peru')
})

test('a batch shows its progress and can be cancelled; what was imported stays', async () => {
  const many = Array.from({ length: 120 }, () => join(FILES, 'vi-bitel.pdf'))
  // Distinct names (the same path twice counts once); PDFs are slow enough to cancel mid-way.
  const { copyFile } = await import('node:fs/promises')
  const folder = await makeTempFolder('brief-e2e-many-')
  await Promise.all(many.map((file, index) => copyFile(file, join(folder, `copy-${String(index).padStart(3, '0')}.pdf`))))
  app = await launchApp({ samples: false, dialogs: { openPaths: [folder] } })
  const { page } = app
  await page.getByRole('button', { name: 'Import', exact: true }).click()
  await page.getByRole('button', { name: 'Choose a folder…' }).click()
  const progress = page.getByRole('region', { name: 'Importing articles' })
  await expect(progress).toBeVisible()
  await expect(progress.getByRole('progressbar')).toBeVisible()
  await screenshot(page, 'import-progress-light')
  await progress.getByRole('button', { name: 'Cancel' }).click()
  const summary = page.getByRole('dialog', { name: 'Import cancelled' })
  await expect(summary).toContainText(/files? not imported \(cancelled\)/)
  await summary.getByRole('button', { name: 'Close' }).click()
  // Every copy is the same article: at most one was added, the others were duplicates or cancelled.
  expect(await libraryRows(page).count()).toBeLessThanOrEqual(1)
})

test('Edit details checks each field, saves, and the list follows', async () => {
  app = await launchApp()
  const { page } = app
  await page.getByRole('option', { name: /Thương mại hai chiều/ }).click()
  await page.getByRole('button', { name: 'Edit details' }).click()
  const form = page.getByRole('dialog', { name: 'Article details' })
  await form.getByLabel('Title').fill('Thương mại Việt Nam – Peru năm 2022')
  await form.getByLabel('Web address (URL)').fill('vietnamplus.vn/thuong-mai')
  await form.getByLabel('Published').fill('2023-02-30')
  await form.getByRole('button', { name: 'Save details' }).click()
  await expect(form).toContainText('“vietnamplus.vn/thuong-mai” is not a web address')
  await expect(form).toContainText('“2023-02-30” is not a date')
  await expect(form.getByLabel('Web address (URL)')).toBeFocused()
  await screenshot(page, 'details-form-errors-light')
  await form.getByLabel('Web address (URL)').fill('https://www.vietnamplus.vn/thuong-mai.vnp')
  await form.getByLabel('Published').fill('2023-04')
  await form.getByLabel('Language').selectOption('vi')
  await form.getByRole('button', { name: 'Save details' }).click()
  await expect(form).toBeHidden()
  await expect(page.locator('article h1')).toHaveText('Thương mại Việt Nam – Peru năm 2022')
  await expect(page.locator('article')).toContainText('https://www.vietnamplus.vn/thuong-mai.vnp')
  await expect(page.locator('article')).toContainText('April 2023')
  await expect(page.getByTestId('library-list').getByRole('option', { selected: true })).toContainText('Thương mại Việt Nam – Peru năm 2022')
  // Saved in the library: a reload shows it.
  await page.reload()
  await expect(page.getByRole('option', { name: /Thương mại Việt Nam – Peru năm 2022/ })).toBeVisible()
})

test('a cleaning step can be undone and redone from the reader', async () => {
  app = await launchApp()
  const { page } = app
  await page.getByRole('option', { name: /Thương mại hai chiều/ }).click()
  const article = page.locator('article')
  await expect(article).not.toContainText('[Peru coi Việt Nam')
  const cleaning = page.getByTestId('cleaning')
  await expect(cleaning.getByText('Link to a related story')).toBeVisible()
  await cleaning.getByRole('button', { name: 'Undo: Link to a related story' }).click()
  await expect(article).toContainText('[Peru coi Việt Nam')
  await expect(cleaning.getByRole('heading', { name: 'Put back into the article' })).toBeVisible()
  await screenshot(page, 'cleaning-undone-light')
  await cleaning.getByRole('button', { name: 'Redo: Link to a related story' }).click()
  await expect(article).not.toContainText('[Peru coi Việt Nam')
  await expect(cleaning.getByRole('button', { name: 'Undo: Link to a related story' })).toBeVisible()
})

test('screens in Vietnamese, dark', async () => {
  app = await launchApp({ locale: 'vi-VN', colorScheme: 'dark' })
  const { page } = app
  await page.getByRole('option', { name: /Thương mại hai chiều/ }).click()
  await page.getByTestId('cleaning').scrollIntoViewIfNeeded()
  await screenshot(page, 'cleaning-vi-dark')
  await page.getByRole('button', { name: 'Sửa thông tin' }).click()
  await expect(page.getByRole('dialog', { name: 'Thông tin bài viết' })).toBeVisible()
  await screenshot(page, 'details-form-vi-dark')
  await page.getByRole('button', { name: 'Hủy' }).click()
  await page.getByRole('button', { name: 'Nhập', exact: true }).click()
  await screenshot(page, 'import-dialog-vi-dark')
})

test('File > Import… in the application menu opens the Import dialog, and its import reaches the library', async () => {
  app = await launchApp({ samples: false, dialogs: { openPaths: [join(FILES, 'es-efe.txt')] } })
  const { page } = app
  await expect(page.getByText('Your library is empty')).toBeVisible()
  await app.menuCommand('import')
  const dialog = page.getByRole('dialog', { name: 'Import articles' })
  await expect(dialog).toBeVisible()
  await dialog.getByRole('button', { name: 'Choose files…' }).click()
  await expect(page.getByRole('dialog', { name: 'Import finished' })).toContainText('1 article added')
  await page.keyboard.press('Escape')
  await expect(libraryRows(page)).toHaveCount(1)
})
