import { printJson, type CommandSpec } from '../context'

/** `people [--json]`: each person with roles, country or organisation, and every mention (article, paragraph, text). */
export const peopleCommand: CommandSpec = {
  name: 'people',
  positionals: [],
  help: 'cli.help.people',
  access: 'read',
  async run({ io, json, t, service }) {
    const { people } = await service.dossierPeople()
    const shown = people.filter((person) => !person.hidden)
    const details = await Promise.all(shown.map((person) => service.dossierPerson({ key: person.key })))
    if (json) {
      return printJson(
        io,
        details.map((person) => ({
          name: person.name,
          names: person.names,
          roles: person.roles,
          countries: person.countries,
          organisations: person.organisations,
          confirmed: person.confirmed,
          mentions: person.mentions.map((mention) => ({
            articleId: mention.articleId,
            title: mention.title,
            published: mention.published,
            paragraph: mention.block,
            start: mention.start,
            end: mention.end,
            text: mention.text,
            role: mention.role,
          })),
        })),
      )
    }
    if (details.length === 0) return io.stdout(`${t('cli.people.none')}\n`)
    for (const person of details) {
      const where = [...person.countries, ...person.organisations].join(', ')
      io.stdout(`${person.name}${person.roles.length > 0 ? ` — ${person.roles.join('; ')}` : ''}${where === '' ? '' : ` — ${where}`}\n`)
      for (const mention of person.mentions) io.stdout(`${t('cli.people.mention', { article: mention.articleId, paragraph: mention.block, text: mention.text })}\n`)
    }
  },
}
