import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFile } from '../../src/node/import/import-file'
import { CANARY_HOST, PAYLOADS } from '../fixtures/security/payloads'
import { tempDir } from '../helpers'

/**
 * Remote images in imported HTML are never fetched: the HTML reader keeps text only (an image's
 * alt text becomes a block), so no image, source set, poster or background URL survives into the
 * article the renderer shows. Checked on the stored article itself, field by field.
 */
async function importHtml(html: string): Promise<string> {
  const file = join(await tempDir(), 'page.html')
  await writeFile(file, html)
  const outcome = await importFile(file, { now: new Date('2026-01-01T00:00:00Z') })
  if (!outcome.ok) throw outcome.error
  return JSON.stringify(outcome.article)
}

const BODY =
  'Hà Nội (TTXVN) – Việt Nam và Peru nhất trí thúc đẩy hợp tác viễn thông, thương mại và giáo dục trong khuôn khổ CPTPP và APEC. ' +
  'Hai bên đánh giá cao kết quả hợp tác thời gian qua và cam kết tạo điều kiện thuận lợi cho doanh nghiệp hai nước.'

describe('remote images in imported HTML', () => {
  it('keeps none of an agency page’s pictures, only their alt text and captions', async () => {
    const article = await importHtml(`<!doctype html><html><head><title>Việt Nam – Peru</title>
      <meta property="og:image" content="http://${CANARY_HOST}/og.jpg"></head><body><article>
      <h1>Việt Nam – Peru</h1>
      <figure><img src="http://${CANARY_HOST}/photo.jpg" srcset="http://${CANARY_HOST}/photo-2x.jpg 2x" alt="Đại sứ Phạm Thị Kim Hoa">
      <figcaption>Đại sứ trao đổi với lãnh đạo Bộ Ngoại thương Peru. (Ảnh: TTXVN)</figcaption></figure>
      <p>${BODY}</p>
      <picture><source srcset="http://${CANARY_HOST}/map.webp"><img src="//${CANARY_HOST}/map.png" alt=""></picture>
      <div style="background-image:url(http://${CANARY_HOST}/bg.png)"><p>${BODY}</p></div>
      <video poster="http://${CANARY_HOST}/poster.jpg" src="http://${CANARY_HOST}/clip.mp4"></video>
      <svg><image href="http://${CANARY_HOST}/chart.svg"/></svg>
      </article></body></html>`)
    expect(article).toContain('Đại sứ trao đổi với lãnh đạo Bộ Ngoại thương Peru')
    expect(article).not.toContain(CANARY_HOST)
  })

  it.each(PAYLOADS.filter((payload) => payload.kind === 'html' && ['remote-resource', 'css', 'meta-base-link', 'frame-object'].includes(payload.category)).map((payload) => [payload.id, payload] as const))(
    'drops every URL of %s',
    async (_id, payload) => {
      const article = await importHtml(`<!doctype html><html><head><title>Vector ${payload.n}</title></head><body><article><h1>Vector ${payload.n}</h1><p>${BODY}</p>${payload.source}<p>${BODY}</p></article></body></html>`)
      expect(article).not.toContain(`${CANARY_HOST}/${payload.n}`)
    },
  )
})
