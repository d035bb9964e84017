/**
 * Is a string a well-formed Vietnamese syllable? From the orthography's rules, not from a word
 * list: onset + rhyme + one tone, with
 * - the rhyme from the closed set of Vietnamese rhymes (nucleus with its glides and coda);
 * - the spelling rules of the onsets (k, gh, ngh before i, e, ê, y; c, g, ng elsewhere);
 * - stopped rhymes (ending in p, t, c, ch) taking only the sắc or nặng tone;
 * - the tone mark on a vowel of the rhyme: the marked vowel (ă â ê ô ơ ư) when it has one, and
 *   not on a closing glide (mái, not maí; both hoá and hóa).
 * Used by the OCR post-correction (ocr-syllable-correction.ts). Lowercase NFC input.
 */

const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323'])
const ACUTE = '\u0301'
const DOT_BELOW = '\u0323'

const ONSETS = ['ngh', 'ng', 'gh', 'gi', 'kh', 'nh', 'ph', 'qu', 'th', 'tr', 'ch', 'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x', '']

const RHYMES = new Set(
  [
    'a ai ao au ay am an ang anh ac ach ap at',
    'ăm ăn ăng ăc ăp ăt',
    'âu ây âm ân âng âc âp ât',
    'e eo em en eng ec ep et',
    'ê êu êm ên ênh êch êp êt',
    'i ia iu im in inh ich ip it iêu iêm iên iêng iêc iêp iêt',
    'o oi om on ong oc op ot oa oai oao oay oam oan oang oanh oac oach oap oat oăm oăn oăng oăc oăt oe oeo oen oet oong ooc',
    'ô ôi ôm ôn ông ôc ôp ôt',
    'ơ ơi ơm ơn ơp ơt',
    'u ua ui um un ung uc up ut uân uâng uât uây uê uên uênh uêch uêt uy uya uyu uyn uynh uych uyp uyt uyên uyêt uơ uôi uôm uôn uông uôc uôt',
    'ư ưa ưi ưu ưm ưn ưng ưc ưt ươi ươu ươm ươn ương ươc ươp ươt',
    'y yêu yêm yên yêt',
  ]
    .join(' ')
    .split(' '),
)

const MARKED_VOWELS = new Set([...'ăâêôơư'])
const VOWELS = new Set([...'aăâeêioôơuưy'])
const FRONT = new Set([...'ieêy'])

/** The syllable without its tone mark, and the mark (or '' for the level tone); null with two marks. */
export function splitTone(syllable: string): { readonly base: string; readonly tone: string; readonly toneAt: number } | null {
  let tone = ''
  let toneAt = -1
  let base = ''
  for (const letter of syllable.normalize('NFC')) {
    const parts = [...letter.normalize('NFD')]
    const marks = parts.filter((part) => TONE_MARKS.has(part))
    if (marks.length > 1 || (marks.length === 1 && tone !== '')) return null
    if (marks.length === 1) {
      tone = marks[0]!
      toneAt = [...base].length
    }
    base += parts
      .filter((part) => !TONE_MARKS.has(part))
      .join('')
      .normalize('NFC')
  }
  return { base, tone, toneAt }
}

function rhymeFits(onset: string, rhyme: string): boolean {
  if (!RHYMES.has(rhyme)) return false
  const first = rhyme[0]!
  // Spelling of the velar onsets before front vowels.
  if ((onset === 'k' || onset === 'gh' || onset === 'ngh') && !FRONT.has(first)) return false
  // gi before i merges the i (gìn, giếng: gi + in, gi + iêng), so g may stand before an i.
  if ((onset === 'c' || onset === 'g' || onset === 'ng') && FRONT.has(first) && !(onset === 'g' && first === 'i')) return false
  // qu is the onset with its glide: the rhyme cannot start with another u or o glide.
  if (onset === 'qu' && (first === 'u' || first === 'o')) return false
  return true
}

export function isVietnameseSyllable(syllable: string): boolean {
  const split = splitTone(syllable)
  if (split === null) return false
  const { base, tone, toneAt } = split
  if (base === '') return false
  const parses: { onset: string; rhyme: string }[] = []
  for (const onset of ONSETS) {
    if (base.startsWith(onset) && rhymeFits(onset, base.slice(onset.length))) parses.push({ onset, rhyme: base.slice(onset.length) })
  }
  return parses.some(({ onset, rhyme }) => {
    if (/(p|t|c|ch)$/u.test(rhyme) && tone !== '' && tone !== ACUTE && tone !== DOT_BELOW) return false
    if (/(p|t|c|ch)$/u.test(rhyme) && tone === '') return false
    if (tone === '') return true
    const letters = [...base]
    // The mark sits on a vowel of the rhyme (qu's u belongs to the onset).
    if (toneAt < [...onset].length || !VOWELS.has(letters[toneAt]!)) return false
    const marked = [...rhyme].filter((letter) => MARKED_VOWELS.has(letter))
    if (marked.length > 0) return MARKED_VOWELS.has(letters[toneAt]!)
    // A rhyme ending in a glide (ai, ao, oi, ui, ia, ua, oai …) carries the mark before it;
    // oa, oe, uy may carry it on their last vowel (the "new" placement: hoá, khoẻ, thuý).
    const vowels = [...rhyme].filter((letter) => VOWELS.has(letter)).length
    const onLast = toneAt === letters.length - 1
    return !(onLast && vowels >= 2 && !['oa', 'oe', 'uy'].includes(rhyme))
  })
}

