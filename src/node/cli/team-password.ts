import { AppError } from '../../common/errors'

/**
 * The team password for the CLI: BRIEFING_TEAM_PASSWORD, else asked on the terminal without
 * echo. Never printed, logged, or written anywhere.
 */
export async function teamPassword(env: NodeJS.ProcessEnv, prompt: string): Promise<string> {
  const fromEnv = env['BRIEFING_TEAM_PASSWORD']
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv
  const input = process.stdin
  if (!input.isTTY) throw new AppError('team.noPassword', {})
  process.stderr.write(prompt)
  input.setRawMode(true)
  input.resume()
  input.setEncoding('utf8')
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = ''
      const onData = (chunk: string) => {
        for (const char of chunk) {
          if (char === '\r' || char === '\n') {
            input.off('data', onData)
            process.stderr.write('\n')
            resolve(typed)
            return
          }
          if (char === '\u0003') {
            input.off('data', onData)
            reject(new AppError('team.noPassword', {}))
            return
          }
          if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1)
          else typed += char
        }
      }
      input.on('data', onData)
    })
  } finally {
    input.setRawMode(false)
    input.pause()
  }
}
