/**
 * A child process for test/team/team-restore-crash.test.ts: restores a backup into a connected
 * library in the order TeamController.restoring() does (team marker, then the store's restore),
 * and is killed with SIGKILL where the controller would adjust the team state next.
 * Usage: node --import tsx restore-then-die.ts LIBRARY_DIR BACKUP_FILE
 */
import { BriefingService } from '../../src/node/service'
import { beginRestore } from '../../src/node/team/team-restore'

const [libraryDir, backup] = process.argv.slice(2)
if (libraryDir === undefined || backup === undefined) throw new Error('usage: restore-then-die.ts LIBRARY_DIR BACKUP_FILE')
const service = await BriefingService.open({ libraryDir, shell: 'browser', version: '9.9.9', systemLocale: 'en' })
if (!(await beginRestore(libraryDir))) throw new Error('the library is not connected to a team')
await service.libraryStore.restoreFrom(backup)
process.kill(process.pid, 'SIGKILL')
