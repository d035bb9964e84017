import { describe, expect, it } from 'vitest'
import { en } from '../../src/common/i18n/en'
import { localeFromTag, translate } from '../../src/common/i18n/translate'
import { vi } from '../../src/common/i18n/vi'

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort()

describe('message catalogue', () => {
  it('has a Vietnamese message for every English key and no extra keys', () => {
    expect(Object.keys(vi).sort()).toEqual(Object.keys(en).sort())
  })

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(vi[key]), key).toEqual(placeholders(en[key]))
    }
  })

  it('has no empty message', () => {
    for (const [key, text] of [...Object.entries(en), ...Object.entries(vi)]) expect(text.trim(), key).not.toBe('')
  })
})

describe('translate', () => {
  it('fills placeholders and formats numbers for the locale', () => {
    expect(translate('en', 'error.article.notFound', { id: 'abc' })).toBe('No article has the id “abc”.')
    expect(translate('en', 'library.count', { count: 1234 })).toBe('1,234 articles')
    expect(translate('vi', 'library.count', { count: 1234 })).toBe('1.234 bài viết')
  })

  it('picks the plural form by count', () => {
    expect(translate('en', 'library.count', { count: 1 })).toBe('1 article')
    expect(translate('en', 'library.count', { count: 0 })).toBe('0 articles')
    expect(translate('vi', 'library.count', { count: 1 })).toBe('1 bài viết')
  })

  it('leaves an unknown placeholder visible rather than inventing a value', () => {
    expect(translate('en', 'error.article.notFound')).toBe('No article has the id “{id}”.')
  })

  it('maps BCP 47 tags to a catalogue', () => {
    expect(localeFromTag('vi-VN')).toBe('vi')
    expect(localeFromTag('VI')).toBe('vi')
    expect(localeFromTag('en-GB')).toBe('en')
    expect(localeFromTag('fr-FR')).toBe('en')
    expect(localeFromTag(undefined)).toBe('en')
  })
})
