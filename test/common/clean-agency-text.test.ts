import { describe, expect, it } from 'vitest'
import { cleanAgencyBlocks, cleanAgencyText } from '../../src/common/agency/clean-agency-text'
import { proposeTitle } from '../../src/common/agency/propose-title'
import type { SourceBlock } from '../../src/common/agency/source-block'

// A report written for this test in the shape agency pages paste as: a date header running into a
// photo caption, a title, alt text glued to a caption, a related-story link, the end mark, a credit
// line and the "other stories" boilerplate.
const REPORT = [
  'date 2025-03-14 Toàn cảnh buổi làm việc tại Lima. (Ảnh: TTXVN phát)',
  '',
  'Việt Nam và Peru bàn hợp tác nông nghiệp',
  '',
  'Hai bên trao đổi về xuất khẩu cà phê và hạt điều.',
  'Việt Nam và Peru bàn hợp tác nông nghiệp ảnh 1Đại diện hai bộ ký biên bản ghi nhớ. (Ảnh: TTXVN phát)',
  '',
  'Kim ngạch nông sản hai chiều tăng 12% trong năm 2024.',
  '',
  '[Peru mở rộng thị trường cho trái cây Việt Nam]',
  '',
  'Hai bên sẽ họp lại vào cuối năm./.',
  '',
  '(TTXVN/Vietnam+)',
  '',
  'Tin cùng chuyên mục',
  '',
  'Triển lãm nông sản tại Hà Nội',
].join('\n')

describe('cleanAgencyText', () => {
  const cleaned = cleanAgencyText(REPORT)

  it('reads the date header, the title and the credit line', () => {
    expect(cleaned.published).toBe('2025-03-14')
    expect(cleaned.title).toBe('Việt Nam và Peru bàn hợp tác nông nghiệp')
    expect(cleaned.source).toBe('TTXVN/Vietnam+')
  })

  it('keeps only the story in the body, and closes it at the end mark', () => {
    expect(cleaned.blocks.map((block) => block.text)).toEqual([
      'Hai bên trao đổi về xuất khẩu cà phê và hạt điều.',
      'Kim ngạch nông sản hai chiều tăng 12% trong năm 2024.',
      'Hai bên sẽ họp lại vào cuối năm.',
    ])
  })

  it('keeps captions apart, placed after the block they follow', () => {
    expect(cleaned.captions).toEqual([
      { text: 'Toàn cảnh buổi làm việc tại Lima. (Ảnh: TTXVN phát)', afterBlock: -1 },
      { text: 'Đại diện hai bộ ký biên bản ghi nhớ. (Ảnh: TTXVN phát)', afterBlock: 0 },
    ])
  })

  it('records everything it removed, with the reason', () => {
    expect(cleaned.removed).toEqual([
      { kind: 'photo-alt-text', text: 'Việt Nam và Peru bàn hợp tác nông nghiệp ảnh 1', afterBlock: 0 },
      { kind: 'related-link', text: '[Peru mở rộng thị trường cho trái cây Việt Nam]', afterBlock: 1 },
      { kind: 'credit-line', text: '(TTXVN/Vietnam+)', afterBlock: 2 },
      { kind: 'trailing-boilerplate', text: 'Tin cùng chuyên mục', afterBlock: 2 },
      { kind: 'trailing-boilerplate', text: 'Triển lãm nông sản tại Hà Nội', afterBlock: 2 },
    ])
  })

  it('treats text after the end mark as not part of the story', () => {
    const result = cleanAgencyText('Tiêu đề\n\nĐoạn một./.\n\nMột tin khác được giới thiệu ở cuối trang.')
    expect(result.blocks.map((block) => block.text)).toEqual(['Đoạn một.'])
    expect(result.removed).toEqual([
      { kind: 'after-end-mark', text: 'Một tin khác được giới thiệu ở cuối trang.', afterBlock: 0 },
    ])
  })

  it('accepts a month-precision date and decomposed (NFD) input', () => {
    const result = cleanAgencyText('date 2024-10\nTiêu đề\n\nNội dung bài.'.normalize('NFD'))
    expect(result.published).toBe('2024-10')
    expect(result.title).toBe('Tiêu đề')
    expect(result.blocks).toEqual([{ kind: 'paragraph', text: 'Nội dung bài.' }])
  })

  it('does not take a sentence for a title', () => {
    const result = cleanAgencyText('Ngày 3/10, hai bên đã gặp nhau tại Lima.\n\nĐoạn thứ hai.')
    expect(result.title).toBeNull()
    expect(result.blocks).toHaveLength(2)
  })

  it('refuses an impossible date rather than guessing', () => {
    expect(cleanAgencyText('date 2024-13-40\nTiêu đề\n\nNội dung.').published).toBeNull()
  })

  it('returns no blocks for empty input', () => {
    expect(cleanAgencyText('  \n\n ').blocks).toEqual([])
  })
})

// ------------------------------------------------------------------------------------------------
// The shapes of real agency pastes, in text written for these tests.

describe('cleanAgencyText: a paste without a title line', () => {
  // A page copied from its date: the date header runs into a photo caption, the story has no title
  // line, and a teaser of another story follows the end mark without any "other stories" heading.
  const cleaned = cleanAgencyText(
    [
      ' date 2024-11 Đại sứ và lãnh đạo Bitel tại lễ trao thiết bị. (Ảnh: TTXVN phát)',
      '',
      'Ngày 14/11, tại tỉnh Cusco, Đại sứ quán trao tặng máy tính bảng cho học sinh vùng sâu.',
      '',
      'Lãnh đạo địa phương cảm ơn doanh nghiệp Việt Nam đã đồng hành với ngành giáo dục./.',
      '',
      'Hội chợ hàng Việt Nam lần đầu tiên được tổ chức tại Lima thu hút đông đảo khách tham quan.',
    ].join('\n'),
  )

  it('takes the month-precision date and keeps the caption before the first block', () => {
    expect(cleaned.published).toBe('2024-11')
    expect(cleaned.captions).toEqual([{ text: 'Đại sứ và lãnh đạo Bitel tại lễ trao thiết bị. (Ảnh: TTXVN phát)', afterBlock: -1 }])
  })

  it('finds no title rather than taking the lead for one', () => {
    expect(cleaned.title).toBeNull()
    expect(cleaned.titleFrom).toBeNull()
    expect(cleaned.blocks).toHaveLength(2)
  })

  it('moves the teaser after the end mark out of the story', () => {
    expect(cleaned.removed).toEqual([
      { kind: 'after-end-mark', text: 'Hội chợ hàng Việt Nam lần đầu tiên được tổ chức tại Lima thu hút đông đảo khách tham quan.', afterBlock: 1 },
    ])
  })

  it('leads to a proposed title from the first sentence, without its opening time or opening place', () => {
    expect(proposeTitle(cleaned.blocks)).toBe('Đại sứ quán trao tặng máy tính bảng cho học sinh vùng sâu')
  })
})

describe('cleanAgencyText: alt text glued to captions, several photos', () => {
  const cleaned = cleanAgencyText(
    [
      'Bitel mở rộng mạng cáp quang tại Peru',
      '',
      'Nhà mạng của Viettel tiếp tục đầu tư hạ tầng ở vùng núi.',
      'Bitel mở rộng mạng cáp quang tại Peru ảnh 1Kỹ thuật viên lắp đặt cáp tại Cusco. (Ảnh: TTXVN phát)',
      '',
      'Mạng cáp quang hiện dài khoảng 30.000 km.',
      '',
      'Bitel mở rộng mạng cáp quang tại Peru ảnh 2',
      'Trạm phát sóng mới ở Puno. (Ảnh: TTXVN phát)',
      '',
      'Dự án giúp hàng nghìn trường học kết nối Internet./. (TTXVN)',
      '',
      'Tin cùng chuyên mục',
    ].join('\n'),
  )

  it('splits "<title> ảnh N<caption>" and handles alt text on a line of its own', () => {
    expect(cleaned.captions).toEqual([
      { text: 'Kỹ thuật viên lắp đặt cáp tại Cusco. (Ảnh: TTXVN phát)', afterBlock: 0 },
      { text: 'Trạm phát sóng mới ở Puno. (Ảnh: TTXVN phát)', afterBlock: 1 },
    ])
    expect(cleaned.removed.filter((passage) => passage.kind === 'photo-alt-text').map((passage) => passage.text)).toEqual([
      'Bitel mở rộng mạng cáp quang tại Peru ảnh 1',
      'Bitel mở rộng mạng cáp quang tại Peru ảnh 2',
    ])
  })

  it('reads a credit that follows the end mark on the same line', () => {
    expect(cleaned.source).toBe('TTXVN')
    expect(cleaned.blocks.at(-1)).toEqual({ kind: 'paragraph', text: 'Dự án giúp hàng nghìn trường học kết nối Internet.' })
    expect(cleaned.removed.slice(-2)).toEqual([
      { kind: 'credit-line', text: '(TTXVN)', afterBlock: 2 },
      { kind: 'trailing-boilerplate', text: 'Tin cùng chuyên mục', afterBlock: 2 },
    ])
  })
})

describe('cleanAgencyText: English and Spanish wires', () => {
  it('handles a VNA report: dateline, photo caption, related link, credit, related news', () => {
    const cleaned = cleanAgencyText(
      [
        'date 2024-11-15',
        'Viet Nam and Peru look to lift trade',
        '',
        'Lima (VNA) – Two-way trade reached about 600 million USD last year, officials said.',
        '',
        'Delegates at the opening session in Lima. (Photo: VNA)',
        '',
        '[Bitel connects remote Andean villages to 4G]',
        '',
        'Both countries are members of the CPTPP./.',
        '',
        '(VNA)',
        '',
        'Related news',
        '',
        'Vietnamese coffee exporters eye South America',
      ].join('\n'),
    )
    expect(cleaned).toMatchObject({ title: 'Viet Nam and Peru look to lift trade', published: '2024-11-15', source: 'VNA' })
    expect(cleaned.blocks.map((block) => block.text)).toEqual([
      'Lima (VNA) – Two-way trade reached about 600 million USD last year, officials said.',
      'Both countries are members of the CPTPP.',
    ])
    expect(cleaned.captions).toEqual([{ text: 'Delegates at the opening session in Lima. (Photo: VNA)', afterBlock: 0 }])
    expect(cleaned.removed.map((passage) => passage.kind)).toEqual(['related-link', 'credit-line', 'trailing-boilerplate', 'trailing-boilerplate'])
  })

  it('takes the agency of a dateline as the source when no credit line names one', () => {
    expect(cleanAgencyText('Titular de prueba\n\nLima, 3 oct (EFE).- Perú y Vietnam acordaron ampliar su cooperación.').source).toBe('EFE')
    expect(cleanAgencyText('A headline here\n\nHanoi (VNA) - Trade rose again this year.').source).toBe('VNA')
    expect(cleanAgencyText('Tiêu đề bài viết\n\nHà Nội (TTXVN) - Hai bên đã ký kết thỏa thuận.').source).toBe('TTXVN')
  })

  it('handles an EFE report: caption, credit and "Noticias relacionadas"', () => {
    const cleaned = cleanAgencyText(
      [
        'Perú y Vietnam refuerzan su cooperación',
        'Lima, 3 oct (EFE).- Los gobiernos acordaron ampliar su cooperación en telecomunicaciones.',
        'Los viceministros, durante la reunión. (Foto: EFE)',
        'El comercio bilateral ronda los 600 millones de dólares.',
        '(EFE)',
        'Noticias relacionadas',
        '¿Qué busca Vietnam en Sudamérica?',
      ].join('\n'),
    )
    expect(cleaned.title).toBe('Perú y Vietnam refuerzan su cooperación')
    expect(cleaned.source).toBe('EFE')
    expect(cleaned.blocks).toHaveLength(2)
    expect(cleaned.captions).toHaveLength(1)
    expect(cleaned.removed.map((passage) => passage.text)).toEqual(['(EFE)', 'Noticias relacionadas', '¿Qué busca Vietnam en Sudamérica?'])
  })
})

describe('cleanAgencyText: related stories inside the body', () => {
  it('removes a "Tin liên quan" box and its link titles, then goes on with the story', () => {
    const cleaned = cleanAgencyText(
      [
        'Tiêu đề của bài viết',
        'Đoạn mở đầu của bài viết.',
        'Tin liên quan',
        'Bitel kết nối các trường học vùng cao',
        'Peru đăng cai Năm APEC 2024',
        'Đoạn tiếp theo của bài viết vẫn thuộc câu chuyện.',
        'Xem thêm: Việt Nam chuẩn bị cho năm APEC 2027',
        'Đoạn cuối./.',
      ].join('\n'),
    )
    expect(cleaned.blocks.map((block) => block.text)).toEqual([
      'Đoạn mở đầu của bài viết.',
      'Đoạn tiếp theo của bài viết vẫn thuộc câu chuyện.',
      'Đoạn cuối.',
    ])
    expect(cleaned.removed).toEqual([
      { kind: 'related-link', text: 'Tin liên quan', afterBlock: 0 },
      { kind: 'related-link', text: 'Bitel kết nối các trường học vùng cao', afterBlock: 0 },
      { kind: 'related-link', text: 'Peru đăng cai Năm APEC 2024', afterBlock: 0 },
      { kind: 'related-link', text: 'Xem thêm: Việt Nam chuẩn bị cho năm APEC 2027', afterBlock: 1 },
    ])
  })
})

describe('cleanAgencyText: what it must leave alone', () => {
  it('keeps sentences that merely look like captions, credits or marks', () => {
    const lines = [
      'Tiêu đề của bài viết',
      'Ông cảm ơn người đã giúp đỡ gia đình mình (anh Nguyễn Văn An, kỹ sư của Bitel).',
      'Bài có hai bức ảnh 2 chiều được trưng bày tại triển lãm.',
      '(Hai bên đã nhất trí tổ chức phiên họp tiếp theo vào năm sau tại Hà Nội.)',
      'Theo kế hoạch, dự án sẽ hoàn thành trong năm tới.',
      'Thông tin chi tiết có tại https://example.org/.',
      '(Còn nữa)',
    ]
    const cleaned = cleanAgencyText(lines.join('\n'))
    expect(cleaned.blocks.map((block) => block.text)).toEqual(lines.slice(1))
    expect(cleaned.captions).toEqual([])
    expect(cleaned.removed).toEqual([])
    expect(cleaned.source).toBeNull()
  })

  it('does not start the boilerplate before the story has begun', () => {
    const cleaned = cleanAgencyText('Tin mới\n\nHai nước nhất trí tăng cường hợp tác.\n\nĐoạn hai.')
    expect(cleaned.removed).toEqual([])
    expect(cleaned.blocks[0]?.text).toBe('Hai nước nhất trí tăng cường hợp tác.')
  })

  it('accepts other caption styles', () => {
    const cleaned = cleanAgencyText(
      ['Tiêu đề của bài viết', 'Đoạn một.', 'Toàn cảnh hội nghị. Ảnh: TTXVN', 'Ảnh minh họa', '(Ảnh minh họa)', 'Quang cảnh phiên họp (Ảnh: Vietnam+)', 'Đoạn hai.'].join('\n'),
    )
    expect(cleaned.captions.map((caption) => caption.text)).toEqual([
      'Toàn cảnh hội nghị. Ảnh: TTXVN',
      '(Ảnh minh họa)',
      'Quang cảnh phiên họp (Ảnh: Vietnam+)',
    ])
    expect(cleaned.blocks.map((block) => block.text)).toEqual(['Đoạn một.', 'Ảnh minh họa', 'Đoạn hai.'])
  })

  it('reads the end mark alone on its line, and takes "Theo …" and "Nguồn: …" lines as credits', () => {
    const alone = cleanAgencyText('Tiêu đề của bài viết\n\nĐoạn cuối của bài\n\n/.\n\nTheo TTXVN\n\nMột tin khác.')
    expect(alone.blocks).toEqual([{ kind: 'paragraph', text: 'Đoạn cuối của bài' }])
    expect(alone.source).toBe('TTXVN')
    expect(alone.removed.map((passage) => passage.kind)).toEqual(['credit-line', 'after-end-mark'])
    expect(cleanAgencyText('Tiêu đề của bài viết\n\nĐoạn một.\n\nNguồn: Báo Quốc tế').source).toBe('Báo Quốc tế')
  })

  it('reads a date header with a time and a colon', () => {
    const cleaned = cleanAgencyText('date: 2024-10-03 14:20 Tiêu đề của bài viết\n\nNội dung.')
    expect(cleaned.published).toBe('2024-10-03')
    expect(cleaned.title).toBe('Tiêu đề của bài viết')
    expect(cleanAgencyText('date 2023-02-29\nTiêu đề của bài\n\nNội dung.').published).toBeNull()
  })
})

describe('cleanAgencyBlocks: structured sources and metadata hints', () => {
  const blocks: SourceBlock[] = [
    { kind: 'heading', text: 'Việt Nam và Peru mở rộng hợp tác' },
    { kind: 'paragraph', text: 'Đoạn mở đầu.' },
    { kind: 'image-alt', text: 'Việt Nam và Peru mở rộng hợp tác ảnh 1' },
    { kind: 'caption', text: 'Học sinh học trực tuyến' },
    { kind: 'heading', text: 'Hợp tác giáo dục' },
    { kind: 'link', text: 'Bitel đưa Internet tới trường học' },
    { kind: 'paragraph', text: 'Đoạn cuối.' },
  ]

  it('takes a first heading for the title and keeps later headings in the body', () => {
    const cleaned = cleanAgencyBlocks(blocks)
    expect(cleaned).toMatchObject({ title: 'Việt Nam và Peru mở rộng hợp tác', titleFrom: 'heading' })
    expect(cleaned.blocks).toEqual([
      { kind: 'paragraph', text: 'Đoạn mở đầu.' },
      { kind: 'heading', text: 'Hợp tác giáo dục' },
      { kind: 'paragraph', text: 'Đoạn cuối.' },
    ])
    expect(cleaned.captions).toEqual([{ text: 'Học sinh học trực tuyến', afterBlock: 0 }])
    expect(cleaned.removed).toEqual([
      { kind: 'photo-alt-text', text: 'Việt Nam và Peru mở rộng hợp tác ảnh 1', afterBlock: 0 },
      { kind: 'related-link', text: 'Bitel đưa Internet tới trường học', afterBlock: 1 },
    ])
  })

  it('prefers metadata, drops the heading that repeats it, and refines the date from the text', () => {
    const cleaned = cleanAgencyBlocks([{ kind: 'paragraph', text: 'date 2024-10-03' }, ...blocks], {
      title: 'VIỆT NAM VÀ PERU MỞ RỘNG HỢP TÁC',
      published: '2024-10',
      siteName: 'VietnamPlus',
    })
    expect(cleaned).toMatchObject({ title: 'Việt Nam và Peru mở rộng hợp tác', titleFrom: 'metadata', published: '2024-10-03', source: 'VietnamPlus' })
    expect(cleaned.blocks[0]).toEqual({ kind: 'paragraph', text: 'Đoạn mở đầu.' })
  })

  it('lets an explicit source win over a credit line, and a credit line over the site name', () => {
    const withCredit = [...blocks, { kind: 'paragraph' as const, text: '(TTXVN/Vietnam+)' }]
    expect(cleanAgencyBlocks(withCredit, { source: 'Báo Nhân Dân', siteName: 'X' }).source).toBe('Báo Nhân Dân')
    expect(cleanAgencyBlocks(withCredit, { siteName: 'VietnamPlus' }).source).toBe('TTXVN/Vietnam+')
  })

  it('takes a headline that the metadata title merely extends for the title', () => {
    const cleaned = cleanAgencyBlocks(blocks, { title: 'Việt Nam và Peru mở rộng hợp tác | VietnamPlus' })
    expect(cleaned.title).toBe('Việt Nam và Peru mở rộng hợp tác')
    expect(cleaned.blocks[0]).toEqual({ kind: 'paragraph', text: 'Đoạn mở đầu.' })
  })

  it('keeps a metadata date when the text disagrees', () => {
    expect(cleanAgencyBlocks([{ kind: 'paragraph', text: 'date 2023-01-01' }, ...blocks], { published: '2024-10-03' }).published).toBe('2024-10-03')
  })
})

describe('proposeTitle', () => {
  it('proposes the main clause of a long first sentence, without its dateline, never a cut sentence', () => {
    const long = 'Lima (VNA) – Viet Nam and Peru intend to push two-way trade well beyond the 600 million USD recorded last year and beyond, officials said on Thursday after talks. More text.'
    expect(proposeTitle([{ kind: 'paragraph', text: long }])).toBe('Viet Nam and Peru intend to push two-way trade well beyond the 600 million USD recorded last year')
    expect(proposeTitle([{ kind: 'paragraph', text: 'Chiều 3/10, hai bên đã ký kết. Sau đó họp báo.' }])).toBe('Hai bên đã ký kết')
    expect(proposeTitle([])).toBeNull()
  })
})
