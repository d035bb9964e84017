import { describe, expect, it } from 'vitest'
import { parseQuery } from '../../src/common/search/parse-query'
import type { ParsedQuery, QueryError } from '../../src/common/search/query'

function parsed(query: string): ParsedQuery {
  const result = parseQuery(query)
  if (!result.ok) throw new Error(`${query}: ${result.error.code}`)
  return result.query
}

function failure(query: string): QueryError {
  const result = parseQuery(query)
  if (result.ok) throw new Error(`${query} parsed`)
  return result.error
}

const folded = (query: ParsedQuery) => query.clauses.map((clause) => clause.terms.map((term) => term.folded).join(' '))

describe('parseQuery: words and phrases', () => {
  it('reads free words, each a clause, folded and accent-exact', () => {
    const query = parsed('Thương  mại Peru')
    expect(folded(query)).toEqual(['thuong', 'mai', 'peru'])
    expect(query.clauses[0]!.terms[0]!.exact).toBe('thương')
    expect(query.clauses.map((clause) => clause.quoted)).toEqual([false, false, false])
  })

  it('reads quoted phrases, and runs an unclosed quote to the end (typing never errs)', () => {
    expect(folded(parsed('"thương mại" Peru'))).toEqual(['thuong mai', 'peru'])
    const open = parsed('Peru "thương m')
    expect(folded(open)).toEqual(['peru', 'thuong m'])
    expect(open.clauses[1]).toMatchObject({ quoted: true, prefix: true })
  })

  it('makes the last word a prefix only while it is being typed', () => {
    expect(parsed('viet na').clauses.map((clause) => clause.prefix)).toEqual([false, true])
    expect(parsed('viet nam ').clauses.map((clause) => clause.prefix)).toEqual([false, false])
    expect(parsed('"viet nam"').clauses[0]!.prefix).toBe(false)
    expect(parsed('viet tag:apec').clauses[0]!.prefix).toBe(false)
  })

  it('reads a word the tokenizer splits as a phrase', () => {
    const query = parsed('Covid-19')
    expect(query.clauses).toHaveLength(1)
    expect(folded(query)).toEqual(['covid 19'])
  })

  it('gives numbers their other written forms', () => {
    expect(parsed('30000').clauses[0]!.terms[0]!.alternatives).toEqual(['30.000'])
    expect(parsed('30.000').clauses[0]!.terms[0]!.alternatives).toEqual(['30000'])
    expect(parsed('146,8').clauses[0]!.terms[0]).toMatchObject({ folded: '146.8', alternatives: [] })
  })

  it('keeps offsets of each clause in the query', () => {
    const query = '  Peru "thương mại"'
    const clauses = parsed(query).clauses
    expect(clauses.map((clause) => query.slice(clause.start, clause.end))).toEqual(['Peru', '"thương mại"'])
  })

  it('ignores punctuation-only input and empty quotes', () => {
    expect(parsed('  !!! "" ').clauses).toEqual([])
  })
})

describe('parseQuery: filters', () => {
  it('reads every filter, combined with words', () => {
    const query = parsed('bitel tag:Telecom source:ttxvn lang:vi date:2024 has:note color:yellow')
    expect(folded(query)).toEqual(['bitel'])
    expect(query.filters).toEqual({
      languages: ['vi'],
      sources: ['ttxvn'],
      dates: { from: 20240101, to: 20241231 },
      tags: ['telecom'],
      colors: ['yellow'],
      has: ['note'],
    })
  })

  it('reads quoted values, folded', () => {
    const query = parsed('tag:"Hiệp định CPTPP" source:"Báo Nhân Dân"')
    expect(query.filters.tags).toEqual(['hiep dinh cptpp'])
    expect(query.filters.sources).toEqual(['bao nhan dan'])
    expect(query.clauses).toEqual([])
  })

  it('reads dates and ranges as days, inclusive, open ends allowed', () => {
    const days = (query: string) => parsed(query).filters.dates
    expect(days('date:2023-04')).toEqual({ from: 20230401, to: 20230430 })
    expect(days('date:2024-02-29')).toEqual({ from: 20240229, to: 20240229 })
    expect(days('date:2023-01..2023-06')).toEqual({ from: 20230101, to: 20230630 })
    expect(days('date:2023..')).toEqual({ from: 20230101, to: 99_991_231 })
    expect(days('date:..2024-06')).toEqual({ from: 0, to: 20240630 })
    expect(days('after:2023-01-01')).toEqual({ from: 20230101, to: 99_991_231 })
    expect(days('before:2024-06')).toEqual({ from: 0, to: 20240600 })
    expect(days('after:2023 before:2024-06')).toEqual({ from: 20230101, to: 20240600 })
  })

  it('widens repeated languages and colours, and accepts lists', () => {
    expect(parsed('lang:vi,en lang:es').filters.languages).toEqual(['vi', 'en', 'es'])
    expect(parsed('color:yellow color:green,yellow').filters.colors).toEqual(['yellow', 'green'])
  })

  it('accepts Vietnamese filter names and values', () => {
    const query = parsed('thẻ:"Viễn thông" nguồn:TTXVN màu:vàng có:ghichu ngày:2024')
    expect(query.filters).toMatchObject({ tags: ['vien thong'], sources: ['ttxvn'], colors: ['yellow'], has: ['note'], dates: { from: 20240101 } })
  })

  it('leaves a colon followed by a space, times and links as text', () => {
    expect(folded(parsed('Lưu ý: Peru'))).toEqual(['luu', 'y', 'peru'])
    expect(folded(parsed('10:30'))).toEqual(['10 30'])
    expect(folded(parsed('https://vnanet.vn'))).toEqual(['https vnanet vn'])
  })
})

describe('parseQuery: errors name the bad part', () => {
  it.each([
    ['bitel tagz:x', 'search.unknownFilter', 'tagz:x'],
    ['peru lang:fr', 'search.badLanguage', 'lang:fr'],
    ['color:red', 'search.badColor', 'color:red'],
    ['has:photo', 'search.badHas', 'has:photo'],
    ['date:2023-13', 'search.badDate', 'date:2023-13'],
    ['date:2023-02-30', 'search.badDate', 'date:2023-02-30'],
    ['after:yesterday', 'search.badDate', 'after:yesterday'],
    ['before:2023..2024', 'search.badDate', 'before:2023..2024'],
    ['date:..', 'search.badDate', 'date:..'],
    ['date:2024..2023', 'search.badDateRange', 'date:2024..2023'],
    ['tag:""', 'search.emptyFilter', 'tag:""'],
    ['tag:"!!"', 'search.emptyFilter', 'tag:"!!"'],
  ])('%j → %s', (query, code, part) => {
    const error = failure(query)
    expect(error.code).toBe(code)
    expect(error.part).toBe(part)
    expect(query.slice(error.start, error.end)).toBe(part)
    expect(error.params['part']).toBe(part)
  })

  it('gives the parameters a message needs', () => {
    expect(failure('lang:fr').params).toMatchObject({ value: 'fr', allowed: 'vi, en, es, und' })
    expect(failure('x foo:bar').params).toMatchObject({ filter: 'foo' })
    expect(failure('date:2023-13').params).toMatchObject({ value: '2023-13' })
  })

  it('refuses queries with too many words', () => {
    expect(failure(Array.from({ length: 65 }, (_, i) => `w${i}`).join(' ')).code).toBe('search.tooLong')
  })

  it('returns plain data that survives JSON', () => {
    const result = parseQuery('tag:x lang:zz')
    expect(JSON.parse(JSON.stringify(result))).toEqual(result)
  })
})
