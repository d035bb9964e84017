import { AppError } from '../../common/errors'
import { emptyDraft, type ImportDraft } from './draft'
import { htmlToSourceBlocks, parseDocument } from './html-blocks'
import { reasonOf } from './reader-support'

/**
 * .docx with mammoth: the document becomes simple HTML (headings by paragraph style, "Title" as
 * the top heading, "Caption" as a caption), then blocks like any HTML. Images are not converted
 * (only their alt text is kept, recorded by the cleaner), which keeps large Word files fast.
 * A file that is not a Word document (not a zip, or a zip without word/document.xml) is reported
 * as damaged.
 */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => p:fresh",
  "p[style-name='Caption'] => p.caption:fresh",
]

export async function readDocx(bytes: Uint8Array, file: string): Promise<ImportDraft> {
  const { default: mammoth } = await import('mammoth')
  let html: string
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        ignoreEmptyParagraphs: true,
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    )
    html = result.value
  } catch (error) {
    throw new AppError('import.corrupt', { file, format: 'Word (.docx)', reason: reasonOf(error) }, { cause: error })
  }
  const body = parseDocument(html).body
  return emptyDraft('docx', null, body === null ? [] : htmlToSourceBlocks(body, { dropChrome: false }))
}
