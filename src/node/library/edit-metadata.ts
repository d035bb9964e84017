import { AppError } from '../../common/errors'
import type { Article } from '../../common/model/article'
import { validateMetadata, MAX_SOURCE_LENGTH, MAX_TITLE_LENGTH, type MetadataInput, type MetadataProblem } from '../../common/metadata/validate-metadata'

/** The parameters each metadata error names: the value refused, and the limit where there is one. */
function problemError(problem: MetadataProblem, input: MetadataInput): AppError {
  const value = input[problem.field].trim().slice(0, 120)
  const max = problem.field === 'title' ? MAX_TITLE_LENGTH : MAX_SOURCE_LENGTH
  return new AppError(problem.code, { value, max })
}

/**
 * An article with the details the user edited (title, source, URL, published date, language),
 * checked as the reader's form checks them; the first problem is thrown as a one-line error.
 * The revision goes up so that the store and the search index see the change; a title or source
 * the importer proposed counts as confirmed.
 */
export function withMetadata(article: Article, input: MetadataInput): Article {
  const checked = validateMetadata(input)
  if (!checked.ok) throw problemError(checked.problems[0]!, input)
  // Saving the details confirms them: what was proposed at import is now the user's.
  const { proposed: _confirmed, ...rest } = article
  return { ...rest, ...checked.value, revision: article.revision + 1 }
}
