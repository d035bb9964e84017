import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cleanAgencyText } from '../../src/common/agency/clean-agency-text'
import { captionCreditAgency, proposeSource } from '../../src/common/agency/propose-source'
import { captionSubject, mainClause, proposeTitle } from '../../src/common/agency/propose-title'
import { ROOT } from '../helpers'

const fixture = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', 'agency', name), 'utf8')

describe('a headline-less agency text (date line, then a photo caption)', () => {
  const cleaned = cleanAgencyText(fixture('headless-vi.txt'))

  it('finds neither a title nor a source in the text itself', () => {
    expect(cleaned.title).toBeNull()
    expect(cleaned.source).toBeNull()
    expect(cleaned.captions.map((caption) => caption.text)).toHaveLength(2)
  })

  it('gets the main clause of its lead as a proposed title, without the opening time and never cut', () => {
    const title = proposeTitle(cleaned.blocks, cleaned.captions)
    expect(title).toBe('Thứ trưởng Bộ Công Thương Trần Minh Khoa đã dự Diễn đàn doanh nghiệp Việt Nam-Peru tại Lima')
    expect(title).not.toContain('…')
  })

  it('gets the agency its captions credit as a proposed source, also behind a photographer', () => {
    expect(proposeSource(cleaned.captions)).toBe('TTXVN')
    expect(captionCreditAgency('Đại diện doanh nghiệp hai nước. (Ảnh: Minh Khang/TTXVN)')).toBe('TTXVN')
  })
})

describe('proposing a source from photo credits', () => {
  it('reads the credit forms of the agencies our users import', () => {
    expect(captionCreditAgency('Toàn cảnh phiên họp. (Ảnh: TTXVN phát)')).toBe('TTXVN')
    expect(captionCreditAgency('Delegates in Lima. Photo: VNA')).toBe('VNA')
    expect(captionCreditAgency('Quang cảnh hội nghị. (Ảnh: Vietnam+)')).toBe('Vietnam+')
    expect(captionCreditAgency('Quang cảnh hội nghị. (Ảnh: VietnamPlus)')).toBe('Vietnam+')
    expect(captionCreditAgency('Ships at Chancay. (Photo: Reuters/Jane Roe)')).toBe('Reuters')
    expect(captionCreditAgency('El puerto de Chancay. (Foto: EFE)')).toBe('EFE')
  })

  it('proposes nothing for a photographer alone, an illustration, or captions that disagree', () => {
    expect(captionCreditAgency('Quang cảnh hội nghị. (Ảnh: Minh Khang)')).toBeNull()
    expect(captionCreditAgency('(Ảnh minh họa)')).toBeNull()
    expect(captionCreditAgency('Thủ tướng Peru và Đại sứ Việt Nam.')).toBeNull()
    expect(proposeSource(cleanAgencyText(fixture('mixed-credits.txt')).captions)).toBeNull()
    expect(proposeSource([])).toBeNull()
  })
})

describe('proposing a title', () => {
  it('uses the clause before a second clause joined by "while", after the dateline, keeping a list whole', () => {
    const cleaned = cleanAgencyText(fixture('headless-en.txt'))
    expect(cleaned.title).toBeNull()
    expect(proposeTitle(cleaned.blocks, cleaned.captions)).toBe('Peruvian importers and Vietnamese exporters met in Lima on Thursday to discuss coffee, cashew and seafood shipments')
    expect(proposeSource(cleaned.captions)).toBe('VNA')
  })

  it('keeps a short sentence whole and does not split "song phương" (bilateral) or a two-word subject', () => {
    expect(mainClause('Việt Nam và Peru tăng cường hợp tác kiểm toán')).toBe('Việt Nam và Peru tăng cường hợp tác kiểm toán')
    const long = 'Tổng thống Peru Dina Boluarte đánh giá cao quan hệ hợp tác song phương Việt Nam-Peru, bày tỏ mong muốn hai nước sớm nghiên cứu một thỏa thuận hợp tác trong lĩnh vực viễn thông'
    expect(mainClause(long)).toBe('Tổng thống Peru Dina Boluarte đánh giá cao quan hệ hợp tác song phương Việt Nam-Peru')
  })

  it("falls back to the caption's subject when the lead has no clause short enough", () => {
    const lead = `Ngày 3/10, ${'các bên liên quan thảo luận nhiều vấn đề kinh tế xã hội quan trọng '.repeat(3)}trong nhiều giờ liền.`
    const title = proposeTitle([{ kind: 'paragraph', text: lead }], [{ text: 'Thứ trưởng Ngoại giao Lê Thị Mai tại Lima. (Ảnh: TTXVN phát)', afterBlock: -1 }])
    expect(title).toBe('Thứ trưởng Ngoại giao Lê Thị Mai tại Lima')
    expect(captionSubject('Toàn cảnh phiên họp. (Ảnh: TTXVN phát)')).toBe('Toàn cảnh phiên họp')
  })

  it('gives the whole first sentence rather than a cut one when nothing shorter reads as a title', () => {
    const lead = `${'các bên liên quan thảo luận nhiều vấn đề kinh tế xã hội quan trọng '.repeat(3)}trong nhiều giờ liền. Câu sau.`
    expect(proposeTitle([{ kind: 'paragraph', text: lead }])).toBe(`Các bên liên quan ${'thảo luận nhiều vấn đề kinh tế xã hội quan trọng các bên liên quan '.repeat(2)}thảo luận nhiều vấn đề kinh tế xã hội quan trọng trong nhiều giờ liền`)
  })
})
