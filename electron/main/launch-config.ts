import { parseArgs } from 'node:util'
import { z } from 'zod'
import { readTokenClaims } from '../../shared/contract/token-claims'

export type LaunchConfig = { ok: true; serverUrl: string; token: string } | { ok: false; problem: string }

const howToStart =
  'Start Hallway with --server URL --token TOKEN, or set HALLWAY_SERVER and HALLWAY_TOKEN. ' +
  'A team admin can print a token with: npm run hallway -- token --data DIR --team ID --user ID'

/**
 * Where to connect and as whom: `--server`/`--token` (either `--x v` or `--x=v`) win over the
 * HALLWAY_SERVER/HALLWAY_TOKEN environment. Chromium switches and positionals are ignored.
 */
export function readLaunchConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): LaunchConfig {
  const { values } = parseArgs({
    args: [...argv],
    options: { server: { type: 'string' }, token: { type: 'string' } },
    strict: false,
    allowPositionals: true,
  })
  const serverUrl = stringOrUndefined(values.server) ?? env.HALLWAY_SERVER
  const token = stringOrUndefined(values.token) ?? env.HALLWAY_TOKEN
  if (!serverUrl && !token) return { ok: false, problem: `Hallway does not know which server to join. ${howToStart}` }
  if (!serverUrl) return { ok: false, problem: `Hallway has a token but no server address. ${howToStart}` }
  if (!token) return { ok: false, problem: `Hallway has a server address but no sign-in token. ${howToStart}` }
  if (!z.url({ protocol: /^https?$/ }).safeParse(serverUrl).success) {
    return { ok: false, problem: `The server address "${serverUrl}" is not an http(s) URL. ${howToStart}` }
  }
  try {
    readTokenClaims(token)
  } catch (error) {
    return { ok: false, problem: `${(error as Error).message} ${howToStart}` }
  }
  return { ok: true, serverUrl, token }
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined
}
