import { randomBytes } from 'node:crypto'
import type { NewId } from '../../common/brief/new-id'
import { formatId } from '../../common/model/ids'

/** Random ids for briefs, sections and passages. */
export const newRecordId: NewId = (kind) => formatId(kind, randomBytes(8).toString('hex'))
