import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dataDirFromArgv, dataDirOverride, defaultLibraryDir, resolveLibraryDir, startedIn } from '../../src/node/paths'

describe('library location', () => {
  it("follows Electron's userData rule on each platform", () => {
    expect(defaultLibraryDir({}, 'linux', '/home/an')).toBe(join('/home/an/.config', 'Briefing Desk', 'library'))
    expect(defaultLibraryDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/an')).toBe(join('/cfg', 'Briefing Desk', 'library'))
    expect(defaultLibraryDir({}, 'darwin', '/Users/an')).toBe(join('/Users/an/Library/Application Support', 'Briefing Desk', 'library'))
    expect(defaultLibraryDir({ APPDATA: 'C:\\AppData' }, 'win32', 'C:\\Users\\an')).toBe(join('C:\\AppData', 'Briefing Desk', 'library'))
  })

  it('lets --data-dir win over BRIEFING_DATA_DIR, and that over the default', () => {
    expect(resolveLibraryDir('/flag', { BRIEFING_DATA_DIR: '/env' })).toBe('/flag')
    expect(resolveLibraryDir(undefined, { BRIEFING_DATA_DIR: '/env' })).toBe('/env')
    expect(resolveLibraryDir(undefined, { XDG_CONFIG_HOME: '/cfg' })).toBe(join('/cfg', 'Briefing Desk', 'library'))
  })

  it('finds --data-dir among Electron and Chromium switches', () => {
    expect(dataDirFromArgv(['electron', '.', '--no-sandbox', '--data-dir', '/lib'])).toBe('/lib')
    expect(dataDirFromArgv(['electron', '--data-dir=/lib 2', '--lang=vi'])).toBe('/lib 2')
    expect(dataDirFromArgv(['electron', '.'])).toBeUndefined()
  })

  it('makes a relative --data-dir or BRIEFING_DATA_DIR absolute, from the folder the user started in', () => {
    const home = resolve('/home/an/work')
    expect(dataDirOverride(['electron', '.', '--data-dir', 'libs/desk'], {}, home)).toBe(join(home, 'libs', 'desk'))
    expect(dataDirOverride(['electron', '.', '--data-dir=../desk'], {}, home)).toBe(resolve(home, '..', 'desk'))
    expect(dataDirOverride(['electron', '.'], { BRIEFING_DATA_DIR: 'desk' }, home)).toBe(join(home, 'desk'))
    expect(dataDirOverride(['electron', '.', '--data-dir', 'a'], { BRIEFING_DATA_DIR: 'b' }, home)).toBe(join(home, 'a'))
    expect(dataDirOverride(['electron', '.', '--data-dir', resolve('/srv/desk')], {}, home)).toBe(resolve('/srv/desk'))
    expect(dataDirOverride(['electron', '.'], { BRIEFING_DATA_DIR: '' }, home)).toBeUndefined()
    expect(dataDirOverride(['electron', '.'], {}, home)).toBeUndefined()
  })

  it("takes the user's folder from npm's INIT_CWD, else the process's own", () => {
    expect(startedIn({ INIT_CWD: '/home/an/notes' }, '/app')).toBe('/home/an/notes')
    expect(startedIn({}, '/app')).toBe('/app')
  })
})
