import { printJson, UsageError, type CommandSpec } from '../context'

const ACTIONS = ['add']

/**
 * `samples add`: puts the shipped sample articles into the library (those it lacks). A new
 * library made by the CLI starts with the starter themes but no articles: samples are offered,
 * never added unasked to a folder a script or a test chose.
 */
export const samplesCommand: CommandSpec = {
  name: 'samples',
  positionals: ['ACTION'],
  help: 'cli.help.samples',
  access: 'write',
  async run({ io, json, t, service, positionals }) {
    const action = positionals[0] ?? ''
    if (!ACTIONS.includes(action)) throw new UsageError(t('cli.error.badAction', { command: 'samples', action, allowed: ACTIONS.join(', ') }))
    const { added } = await service.addSampleArticles()
    if (json) return printJson(io, { added })
    io.stdout(`${t('cli.samples.added', { count: added })}\n`)
  },
}
