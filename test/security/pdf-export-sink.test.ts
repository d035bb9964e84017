import { execFileSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { BriefingService } from '../../src/node/service'
import { PAYLOADS } from '../fixtures/security/payloads'
import { SAMPLES_DIR, tempDir } from '../helpers'

/**
 * The PDF export as a sink of the payload corpus: a brief holding every vector, exported to PDF
 * through the real service (the HTML export's page, made to be printed, printed by Chromium with
 * JavaScript off). A PDF can carry actions of its own; this one must carry none: no JavaScript,
 * no launch, no form submission, and links only to the web or to mail.
 */
const services: BriefingService[] = []
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()))
})

describe('the PDF export', () => {
  it('carries no script, launch or form action and no link but web and mail, whatever the brief holds', { timeout: 120_000 }, async () => {
    const dir = await tempDir()
    const service = await BriefingService.open({ libraryDir: dir, samplesDir: SAMPLES_DIR, shell: 'browser', version: '9.9.9', systemLocale: 'en-GB', taxonomyFile: null })
    services.push(service)
    const created = await service.createBrief({ title: 'Every vector' })
    const sections = PAYLOADS.map((payload) => ({ id: `sc_${payload.n.toString(16).padStart(16, '0')}`, heading: `Vector ${payload.n}`, body: payload.source, items: [] }))
    const { id, title, occasion, date, audience, marking, templateId, createdAt, updatedAt } = created
    await service.updateBrief({ id, title, occasion, date, audience, marking, templateId, createdAt, updatedAt, sections })
    const file = join(dir, 'every-vector.pdf')
    await service.exportBriefTo(id, 'pdf', file, false)

    const pdf = (await readFile(file)).toString('latin1')
    expect(pdf.startsWith('%PDF-')).toBe(true)
    // Chromium writes its dictionaries in the clear (no object streams), so names are visible here.
    expect(pdf.includes('/ObjStm')).toBe(false)
    const actions = [...pdf.matchAll(/\/(JavaScript|JS|Launch|SubmitForm|ImportData|GoToR|RichMedia|EmbeddedFile|OpenAction|AA)(?![A-Za-z0-9+])/g)].map((match) => match[1])
    expect(actions).toEqual([])
    const links = [...pdf.matchAll(/\/URI\s*\(([^)]*)\)/g)].map((match) => match[1] ?? '')
    for (const link of links) expect(link).toMatch(/^(?:https?:|mailto:)/i)
    // The brief was really printed, every section of it: each is rendered on its own, so no
    // vector's unclosed <table>, <style> or comment swallows the sections after it.
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
    expect(text).toContain('Every vector\nVector 1\n')
    const headings = new Set(text.split(/[\n\f]/).filter((line) => /^Vector \d+$/.test(line)))
    expect(PAYLOADS.filter((payload) => !headings.has(`Vector ${payload.n}`)).map((payload) => payload.id)).toEqual([])
  })
})
