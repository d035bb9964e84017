import { benchStore } from './store.bench'

/**
 * `npm run bench`: every benchmark, printed as tables. Figures, not assertions: these machines are
 * shared and noisy, so targets are read from the tables and quoted in issue notes.
 * BENCH_QUICK=1 runs small sizes only (a smoke run).
 */
const quick = process.env['BENCH_QUICK'] === '1'

console.log(`Briefing Desk benchmarks — Node ${process.version}, ${process.platform}/${process.arch}${quick ? ' (quick)' : ''}`)
await benchStore(quick)
