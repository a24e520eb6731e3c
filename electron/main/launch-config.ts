import { parseArgs } from 'node:util'
import { z } from 'zod'
import { readTokenClaims } from '../../shared/contract/token-claims'
import type { StoredSignIn } from '../common/token-file'

export type LaunchConfig = { ok: true; serverUrl: string; token: string } | { ok: false; problem: string }

const howToStart =
  'Open the invitation link (hallway://join…) your team admin sent you, or start Hallway with --server URL --token TOKEN ' +
  '(development builds only), or set HALLWAY_SERVER and HALLWAY_TOKEN. ' +
  'A team admin can print a token with: npm run hallway -- token --data DIR --team ID --user ID'

export interface LaunchSources {
  /** A packaged app refuses --token: a token on the command line shows in every process list. */
  packaged: boolean
  /** What an earlier sign-in by invite stored, used when nothing else is given. */
  stored: StoredSignIn | null
}

/**
 * Where to connect and as whom: `--server`/`--token` (either `--x v` or `--x=v`) win over the
 * HALLWAY_SERVER/HALLWAY_TOKEN environment, which wins over a stored sign-in. Chromium switches
 * and positionals are ignored.
 */
export function readLaunchConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  sources: LaunchSources,
): LaunchConfig {
  const { values } = parseArgs({
    args: [...argv],
    options: { server: { type: 'string' }, token: { type: 'string' } },
    strict: false,
    allowPositionals: true,
  })
  if (sources.packaged && values.token !== undefined) {
    return { ok: false, problem: `Hallway does not take --token: other programs can read a command line. ${howToStart}` }
  }
  let serverUrl = stringOrUndefined(values.server) ?? env.HALLWAY_SERVER
  let token = stringOrUndefined(values.token) ?? env.HALLWAY_TOKEN
  if (!serverUrl && !token && sources.stored) ({ serverUrl, token } = sources.stored)
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
