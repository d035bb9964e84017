import { AppError } from '../../../common/errors'
import type { Tag } from '../../../common/model/tag'
import { findTagsByName } from '../../../common/themes/tag-names'
import { tagPath } from '../../../common/themes/tag-tree'

/** The one tag answering to `name` (name or alias, without accents or case); else a clear error. */
export function resolveTag(tags: readonly Tag[], name: string): Tag {
  const found = findTagsByName(tags, name)
  const exact = found.filter((tag) => tag.name === name.trim())
  if (exact.length === 1) return exact[0]!
  if (found.length === 1) return found[0]!
  if (found.length === 0) throw new AppError('tag.unknownName', { name })
  throw new AppError('tag.ambiguousName', { name, candidates: found.map((tag) => `“${tagPath(tags, tag)}”`).join(', ') })
}
