import type { ApiHandlers } from '../../common/api'
import type { LibraryParts } from './library-parts'

export type SearchHandlers = Pick<ApiHandlers, 'search'>

/** The one search box (the index lives in search/, fed by the store's change feed). */
export function searchHandlers(parts: LibraryParts): SearchHandlers {
  return {
    search(input) {
      const options = { ...(input.limit === undefined ? {} : { limit: input.limit }), ...(input.offset === undefined ? {} : { offset: input.offset }) }
      return parts.search.search(input.query, options, input.box)
    },
  }
}
