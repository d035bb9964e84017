import type { PeopleList, PeoplePage, PeoplePageQuery, PersonListRow, PersonRow } from '../../common/dossier/library-view'
import { fold } from '../../common/dossier/tokens'

/** The People list's page when the caller names none: what a first paint shows. */
export const DEFAULT_PEOPLE_PAGE = 200

/**
 * Each row's names, folded once: the list is searched at every keystroke, and the rows of one
 * dossier state are the same objects from call to call (library-dossier.ts caches them).
 */
const foldedNames = new WeakMap<PersonRow, readonly string[]>()

function namesOf(row: PersonRow): readonly string[] {
  let names = foldedNames.get(row)
  if (names === undefined) {
    names = row.names.map(fold)
    foldedNames.set(row, names)
  }
  return names
}

/** A list row: the full row without its name variants and keys (the person's details bring them). */
function listRow(row: PersonRow): PersonListRow {
  const { keys: _keys, names: _names, ...light } = row
  return light
}

/**
 * One page of the People list: the people (in the list's order, most mentioned first) whose
 * names (any variant) contain the query's words as written, without case or diacritics, hidden
 * ones left out unless asked for.
 */
export function peoplePage(list: PeopleList, query: PeoplePageQuery): PeoplePage {
  const wanted = fold(query.query?.trim() ?? '')
  const matching = list.people.filter((row) => (query.hidden === true || !row.hidden) && (wanted === '' || namesOf(row).some((name) => name.includes(wanted))))
  const offset = query.offset ?? 0
  const limit = query.limit ?? DEFAULT_PEOPLE_PAGE
  return {
    people: matching.slice(offset, offset + limit).map(listRow),
    total: matching.length,
    hiddenCount: list.people.reduce((count, row) => count + (row.hidden ? 1 : 0), 0),
    articleCount: list.articleCount,
  }
}
