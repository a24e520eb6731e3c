import { pathToFileURL } from 'node:url'
import { isValidId } from '../../shared/contract/doc-names'
import type { Role } from '../../shared/model/schema'
import { roleSchema } from '../../shared/model/value-schemas'
import { loadUserId, loadUserName } from '../admin/load-users'
import { createTeam, seedTeam, setMembersManageRooms } from '../admin/teams'
import { createInvite } from '../auth/invites'
import { mintToken, parseTtl } from '../auth/tokens'
import { createLogger, parseLogLevel } from '../observe/log'
import { existingTeamAndSecret, openAccessStore, openAdminStore } from './admin-store'
import { UsageError, nonNegativeNumber, parseFlags, positiveInt, required } from './args'
import { startCrowd } from './crowd'

export const CLI_USAGE = `Usage: npm run hallway -- <command>
  team create --data DIR --name NAME [--creator ID [--creator-name NAME]]
  team settings --data DIR --team ID --members-manage-rooms yes|no
  token  --data DIR --team ID --user ID [--name NAME] [--role admin|member|guest] [--ttl 1h]
  tokens --data DIR --team ID --count N [--ttl 1h]
  seed   --data DIR --team ID --members N --rooms R
  crowd  --server URL --data DIR --team ID --count N [--moves-per-second R] [--in-rooms SHARE]
  invite --data DIR --team ID [--role admin|member|guest] [--ttl 7d] [--web URL --server URL]
  revoke --data DIR --team ID --user ID
Each command takes --postgres URL instead of --data DIR for a scale-out cluster (the database
also holds the token secret). The CLI writes the store directly and may run while servers use it;
running servers pick up seeded changes within about a second (SQLite) or at once (Postgres).
A team's creator (--creator) is its first admin; admins manage rooms and roles, members edit their
own profile and status, guests only read.`

/** Member tokens are short-lived; clients renew them with POST /api/auth/refresh. */
const DEFAULT_TTL = '1h'
const DEFAULT_INVITE_TTL = '7d'

export interface CliIo {
  out(line: string): void
  /** Resolves when the user asks a long-running command to stop (SIGINT/SIGTERM). */
  stopSignal(): Promise<void>
}

/** Runs one CLI command; returns the exit code. Results go to io.out, logs to stderr. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case 'team':
        if (rest[0] === 'settings') return await teamSettings(rest.slice(1), io)
        if (rest[0] !== 'create') throw new UsageError('Did you mean: team create --data DIR --name NAME?')
        return await teamCreate(rest.slice(1), io)
      case 'token':
        return await token(rest, io)
      case 'tokens':
        return await tokens(rest, io)
      case 'seed':
        return await seed(rest, io)
      case 'crowd':
        return await crowd(rest, io)
      case 'invite':
        return await invite(rest, io)
      case 'revoke':
        return await revoke(rest, io)
      case 'help':
      case '--help':
      case '-h':
        io.out(CLI_USAGE)
        return 0
      default:
        throw new UsageError(command ? `Unknown command "${command}".` : 'No command given.')
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`hallway: ${error.message}\n${CLI_USAGE}\n`)
      return 2
    }
    process.stderr.write(`hallway: ${(error as Error).message}\n`)
    return 1
  }
}

async function teamCreate(argv: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(argv, ['data', 'postgres', 'name', 'creator', 'creator-name'])
  const name = required(flags, 'name')
  const creator = flags.creator === undefined ? null : { userId: userIdFlag(flags.creator), name: displayName(flags['creator-name'] ?? flags.creator, 'creator-name') }
  const admin = await openAdminStore(flags, { create: true })
  try {
    const team = await createTeam(admin.store, name, creator)
    io.out(team.id)
    return 0
  } finally {
    await admin.close()
  }
}

/** Team settings live in the team document's meta, which only the server and this CLI write. */
async function teamSettings(argv: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(argv, ['data', 'postgres', 'team', 'members-manage-rooms'])
  const teamId = required(flags, 'team')
  const answer = required(flags, 'members-manage-rooms')
  if (answer !== 'yes' && answer !== 'no') throw new UsageError('--members-manage-rooms must be yes or no.')
  const admin = await openAdminStore(flags, { create: false })
  try {
    await setMembersManageRooms(admin.store, teamId, answer === 'yes')
    io.out(`team ${teamId}: ${answer === 'yes' ? 'members and admins' : 'admins only'} manage rooms`)
    return 0
  } finally {
    await admin.close()
  }
}

async function token(argv: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(argv, ['data', 'postgres', 'team', 'user', 'name', 'role', 'ttl'])
  const user = userIdFlag(required(flags, 'user'))
  const role = roleFlag(flags.role)
  const name = displayName(flags.name ?? user, 'name')
  const ttlSeconds = ttl(flags.ttl)
  const { teamId, secret } = await existingTeamAndSecret(flags)
  io.out(await mintToken(secret, { userId: user, teamId, name, role, ttlSeconds }))
  return 0
}

async function tokens(argv: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(argv, ['data', 'postgres', 'team', 'count', 'ttl'])
  const count = positiveInt('count', required(flags, 'count'))
  const ttlSeconds = ttl(flags.ttl)
  const { teamId, secret } = await existingTeamAndSecret(flags)
  const lines: string[] = []
  for (let i = 1; i <= count; i++) {
    lines.push(await mintToken(secret, { userId: loadUserId(i), teamId, name: loadUserName(i), role: 'member', ttlSeconds }))
  }
  io.out(lines.join('\n'))
  return 0
}

async function seed(argv: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(argv, ['data', 'postgres', 'team', 'members', 'rooms'])
  const members = positiveInt('members', required(flags, 'members'))
  const rooms = positiveInt('rooms', required(flags, 'rooms'), 1000)
  const teamId = required(flags, 'team')
  const admin = await openAdminStore(flags, { create: false })
  try {
    const result = await seedTeam(admin.store, teamId, { members, rooms })
    io.out(`team ${teamId}: ${result.members} members, ${result.rooms} rooms (added ${result.addedMembers} members, ${result.addedRooms} rooms)`)
    return 0
  } finally {
    await admin.close()
  }
}

async function crowd(argv: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(argv, ['server', 'data', 'postgres', 'team', 'count', 'moves-per-second', 'in-rooms'])
  const serverUrl = required(flags, 'server')
  if (!/^https?:\/\/[^\s/]+/.test(serverUrl)) throw new UsageError('--server must be an http(s) URL, for example --server http://127.0.0.1:8787.')
  const count = positiveInt('count', required(flags, 'count'), 5000)
  const movesPerSecond = nonNegativeNumber('moves-per-second', flags['moves-per-second'] ?? '1', 1000)
  const inRooms = nonNegativeNumber('in-rooms', flags['in-rooms'] ?? '0', 1)
  const { teamId, secret } = await existingTeamAndSecret(flags)
  const log = createLogger({ level: parseLogLevel(process.env.HALLWAY_LOG_LEVEL, 'warn') })
  const crowd = await startCrowd({ serverUrl, secret, teamId, count, movesPerSecond, inRooms, log })
  io.out(`crowd online ${count}`)
  await io.stopSignal()
  await crowd.close()
  return 0
}

/**
 * Prints an invite code, or with --web (the web client's address) and --server the link that opens
 * its join form; joining (POST /api/invites/accept) mints a new member.
 */
async function invite(argv: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(argv, ['data', 'postgres', 'team', 'role', 'ttl', 'web', 'server'])
  const role = roleFlag(flags.role)
  const ttlSeconds = ttl(flags.ttl, DEFAULT_INVITE_TTL)
  const link = flags.web === undefined ? null : { web: httpUrlFlag('web', flags.web), server: httpUrlFlag('server', required(flags, 'server')).replace(/\/+$/, '') }
  const { teamId } = await existingTeamAndSecret(flags)
  const access = await openAccessStore(flags)
  try {
    const { code } = await createInvite(access, { teamId, role, ttlSeconds })
    if (!link) io.out(code)
    else {
      const url = new URL(link.web)
      url.search = new URLSearchParams({ server: link.server, invite: code }).toString()
      io.out(url.href)
    }
    return 0
  } finally {
    await access.close()
  }
}

/** Refuses the user's tokens issued until now; a running server closes their open connections. */
async function revoke(argv: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(argv, ['data', 'postgres', 'team', 'user'])
  const user = userIdFlag(required(flags, 'user'))
  const { teamId } = await existingTeamAndSecret(flags)
  const access = await openAccessStore(flags)
  try {
    const revocation = await access.revoke(teamId, user, Date.now())
    io.out(`revoked ${user} in ${teamId}: tokens issued until ${new Date(revocation.revokedAt).toISOString()} are refused`)
    return 0
  } finally {
    await access.close()
  }
}

function userIdFlag(user: string): string {
  if (!isValidId(user)) throw new UsageError('--user and --creator must be 1 to 64 letters, digits, "-" or "_".')
  return user
}

function roleFlag(text: string | undefined): Role {
  const role = roleSchema.safeParse(text ?? 'member')
  if (!role.success) throw new UsageError('--role must be admin, member or guest.')
  return role.data
}

function displayName(name: string, flag: string): string {
  if (name.length < 1 || name.length > 80) throw new UsageError(`--${flag} needs 1 to 80 characters.`)
  return name
}

function ttl(text: string | undefined, fallback = DEFAULT_TTL): number {
  const seconds = parseTtl(text ?? fallback)
  if (seconds === null) throw new UsageError(`--ttl must look like 45s, 30m, 1h or 7d, up to a year (got "${text}").`)
  return seconds
}

function processIo(): CliIo {
  return {
    out: (line) => process.stdout.write(line + '\n'),
    stopSignal: () =>
      new Promise((resolve) => {
        process.once('SIGINT', () => resolve())
        process.once('SIGTERM', () => resolve())
      }),
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runCli(process.argv.slice(2), processIo()).then((code) => process.exit(code))
}

function httpUrlFlag(flag: string, text: string): string {
  const url = URL.canParse(text) ? new URL(text) : null
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new UsageError(`--${flag} must be an http(s) address, like http://127.0.0.1:8787`)
  return url.href
}
