import { readFile } from 'node:fs/promises'
import { AppError } from '../../common/errors'
import { isErrno, reasonOf } from '../store/durable-json-file'

/** A UTF-8 text file given on the command line, without its byte-order mark; one-line errors naming it. */
export async function readTextFile(path: string): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).replace(/^\uFEFF/, '')
  } catch (error) {
    if (isErrno(error, 'ENOENT')) throw new AppError('annotations.fileNotFound', { file: path })
    throw new AppError('annotations.unreadable', { file: path, reason: reasonOf(error) }, { cause: error })
  }
}
