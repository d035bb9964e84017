import { afterAll } from 'vitest'
import { removeTempFolders } from './temp-folders'

// A Vitest setup file: runs in every test file, so each file's temp folders go when it ends.
afterAll(removeTempFolders)
