import { execFile, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, it } from 'vitest'
import * as Y from 'yjs'
import { readTokenClaims } from '../../shared/contract/token-claims'
import { DEFAULT_FLOOR } from '../../shared/model/schema'
import { TeamDoc } from '../../shared/model/team-doc'
import { hashInviteCode } from '../auth/invites'
import { loadOrCreateSecret } from '../auth/secret'
import { verifyToken } from '../auth/tokens'
import { SqliteAccessStore } from '../store/sqlite-access-store'
import { SqliteStore } from '../store/sqlite-store'
import { openCore, removeTempDirs, startTestServer, tempDir, tokenFor, waitFor } from '../testing/harness'

afterAll(removeTempDirs)

const cliPath = fileURLToPath(new URL('./hallway.ts', import.meta.url))
const nodeArgs = ['--import', 'tsx', cliPath]

function hallway(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...nodeArgs, ...args], (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
    })
  })
}

// Each test spawns several CLI processes (tsx loads in each): one test at a time, with room for a
// loaded machine, so they never starve each other of the two cores.
describe('hallway CLI', { timeout: 120_000 }, () => {
  it('team create prints only the id; token and tokens print verifiable tokens', async ({ expect }) => {
    const dir = tempDir()
    const created = await hallway('team', 'create', '--data', dir, '--name', 'Acme Corp')
    expect(created).toMatchObject({ code: 0, stderr: '' })
    expect(created.stdout).toMatch(/^t[0-9a-f]{12}\n$/)
    const teamId = created.stdout.trim()

    const [token, many] = await Promise.all([
      hallway('token', '--data', dir, '--team', teamId, '--user', 'ada', '--name', 'Ada L', '--role', 'guest', '--ttl', '2h'),
      hallway('tokens', '--data', dir, '--team', teamId, '--count', '3'),
    ])
    expect(token.code).toBe(0)
    expect(token.stdout.trim().split('\n')).toHaveLength(1)
    const verified = await verifyToken(loadOrCreateSecret(dir), token.stdout.trim())
    expect(verified.ok && verified.claims).toMatchObject({ sub: 'ada', team: teamId, role: 'guest', name: 'Ada L' })
    if (verified.ok) expect(verified.claims.exp - verified.claims.iat!).toBe(7200)

    expect(many.code).toBe(0)
    expect(many.stdout.trim().split('\n').map((line) => readTokenClaims(line).sub)).toEqual(['load-1', 'load-2', 'load-3'])
  })

  it('invite prints a code for the team and role; revoke records a revocation; tokens default to 1h', async ({ expect }) => {
    const dir = tempDir()
    const teamId = (await hallway('team', 'create', '--data', dir, '--name', 'Acme')).stdout.trim()
    const [invited, revoked, token, badRole] = await Promise.all([
      hallway('invite', '--data', dir, '--team', teamId, '--role', 'guest', '--ttl', '2d'),
      hallway('revoke', '--data', dir, '--team', teamId, '--user', 'ada'),
      hallway('token', '--data', dir, '--team', teamId, '--user', 'bob'),
      hallway('invite', '--data', dir, '--team', teamId, '--role', 'owner'),
    ])
    expect(invited).toMatchObject({ code: 0, stderr: '' })
    expect(invited.stdout).toMatch(/^[A-Za-z0-9_-]{24}\n$/)
    expect(revoked).toMatchObject({ code: 0, stderr: '' })
    expect(revoked.stdout).toMatch(new RegExp(`^revoked ada in ${teamId}: tokens issued until \\S+ are refused\\n$`))
    expect(badRole).toMatchObject({ code: 2, stdout: '' })

    const access = SqliteAccessStore.open(dir)
    const invite = await access.findInvite(hashInviteCode(invited.stdout.trim()))
    const revokedAt = await access.revokedAt(teamId, 'ada')
    await access.close()
    expect(invite).toMatchObject({ teamId, role: 'guest' })
    expect(invite!.expiresAt - invite!.createdAt).toBe(2 * 86400 * 1000)
    expect(revokedAt).toBeGreaterThan(0)
    const claims = readTokenClaims(token.stdout.trim())
    expect(claims.exp - claims.iat!).toBe(3600)
  })

  it('invite --web --server prints the link that opens the web join form, and refuses a non-http address', async ({ expect }) => {
    const dir = tempDir()
    const teamId = (await hallway('team', 'create', '--data', dir, '--name', 'Acme')).stdout.trim()
    const [linked, badWeb] = await Promise.all([
      hallway('invite', '--data', dir, '--team', teamId, '--web', 'https://hallway.example/app/', '--server', 'https://sync.example:8787'),
      hallway('invite', '--data', dir, '--team', teamId, '--web', 'javascript:alert(1)', '--server', 'https://sync.example'),
    ])
    expect(linked).toMatchObject({ code: 0, stderr: '' })
    const link = new URL(linked.stdout.trim())
    expect(link.origin + link.pathname).toBe('https://hallway.example/app/')
    expect(link.searchParams.get('server')).toBe('https://sync.example:8787')
    const access = SqliteAccessStore.open(dir)
    const invite = await access.findInvite(hashInviteCode(link.searchParams.get('invite') ?? ''))
    await access.close()
    expect(invite).toMatchObject({ teamId, role: 'member' })
    expect(badWeb).toMatchObject({ code: 2, stdout: '' })
    expect(badWeb.stderr).toMatch(/--web must be an http\(s\) address/)
  })

  it('seed fills the stored team document idempotently, spreading its rooms over floors', async ({ expect }) => {
    const dir = tempDir()
    const teamId = (await hallway('team', 'create', '--data', dir, '--name', 'Acme')).stdout.trim()
    const seeded = await hallway('seed', '--data', dir, '--team', teamId, '--members', '5', '--rooms', '27')
    expect(seeded).toMatchObject({ code: 0, stdout: `team ${teamId}: 5 members, 31 rooms (added 5 members, 27 rooms)\n` })
    const again = await hallway('seed', '--data', dir, '--team', teamId, '--members', '5', '--rooms', '27')
    expect(again.stdout).toContain('(added 0 members, 0 rooms)')

    const store = SqliteStore.open(dir, { watchIntervalMs: 0 })
    const doc = new Y.Doc()
    for (const update of await store.load(`team/${teamId}`)) Y.applyUpdate(doc, update)
    await store.close()
    expect([...doc.getMap('members').keys()].sort()).toEqual(['load-1', 'load-2', 'load-3', 'load-4', 'load-5'])
    expect(doc.getMap('rooms').has('seed-room-3')).toBe(true)
    const team = new TeamDoc(doc)
    const floors = ['lobby', 'seed-room-1', 'seed-room-13', 'seed-room-14', 'seed-room-27'].map((id) => team.room(id)?.floor)
    expect(floors).toEqual([DEFAULT_FLOOR, 'Floor 1', 'Floor 1', 'Floor 2', 'Floor 3'])
    expect(doc.getMap('meta').get('name')).toBe('Acme')
  })

  it('team create --creator makes the creator the first admin; token --role admin mints an admin token; team settings lets members manage rooms', async ({ expect }) => {
    const dir = tempDir()
    const created = await hallway('team', 'create', '--data', dir, '--name', 'Acme', '--creator', 'ada', '--creator-name', 'Ada L')
    expect(created).toMatchObject({ code: 0, stderr: '' })
    const teamId = created.stdout.trim()
    const token = await hallway('token', '--data', dir, '--team', teamId, '--user', 'ada', '--role', 'admin')
    expect(readTokenClaims(token.stdout.trim())).toMatchObject({ sub: 'ada', role: 'admin' })

    const store = SqliteStore.open(dir, { watchIntervalMs: 0 })
    const doc = new Y.Doc()
    for (const update of await store.load(`team/${teamId}`)) Y.applyUpdate(doc, update)
    await store.close()
    expect((doc.getMap('members').get('ada') as Y.Map<unknown>).toJSON()).toMatchObject({ name: 'Ada L', role: 'admin' })
    expect((await hallway('team', 'create', '--data', dir, '--name', 'X', '--creator', 'bad id!')).code).toBe(2)

    const allowed = await hallway('team', 'settings', '--data', dir, '--team', teamId, '--members-manage-rooms', 'yes')
    expect(allowed).toMatchObject({ code: 0, stdout: `team ${teamId}: members and admins manage rooms\n` })
    expect((await hallway('team', 'settings', '--data', dir, '--team', teamId, '--members-manage-rooms', 'maybe')).code).toBe(2)
    const after = SqliteStore.open(dir, { watchIntervalMs: 0 })
    const updated = new Y.Doc()
    for (const update of await after.load(`team/${teamId}`)) Y.applyUpdate(updated, update)
    await after.close()
    expect(updated.getMap('meta').get('membersManageRooms')).toBe(true)
  })

  it('fails clearly: unknown team exits 1, a missing flag exits 2, nothing on stdout', async ({ expect }) => {
    const dir = tempDir()
    await hallway('team', 'create', '--data', dir, '--name', 'Acme')
    const [unknown, missing, noData] = await Promise.all([
      hallway('token', '--data', dir, '--team', 'nope', '--user', 'ada'),
      hallway('team', 'create', '--data', dir),
      hallway('tokens', '--data', tempDir(), '--team', 'x', '--count', '1'),
    ])
    expect(unknown).toMatchObject({ code: 1, stdout: '' })
    expect(unknown.stderr).toMatch(/Unknown team "nope"/)
    expect(missing).toMatchObject({ code: 2, stdout: '' })
    expect(missing.stderr).toMatch(/Missing --name/)
    expect(noData).toMatchObject({ code: 1, stdout: '' })
    expect(noData.stderr).toMatch(/No Hallway data/)
  })

  it('crowd keeps N cores online until interrupted', async ({ expect }) => {
    const dir = tempDir()
    const teamId = (await hallway('team', 'create', '--data', dir, '--name', 'Acme')).stdout.trim()
    const server = await startTestServer(dir)
    const watcher = await openCore(server.url, await tokenFor(dir, teamId, 'watcher'))
    try {
      const crowd = spawn(process.execPath, [...nodeArgs, 'crowd', '--server', server.url, '--data', dir, '--team', teamId, '--count', '3', '--moves-per-second', '30'])
      let stdout = ''
      crowd.stdout.on('data', (chunk) => (stdout += chunk))
      const exited = new Promise<number | null>((resolve) => crowd.on('exit', (code) => resolve(code)))
      await waitFor('crowd online', () => stdout === 'crowd online 3\n', 20_000)
      const online = () => ['load-1', 'load-2', 'load-3'].every((id) => watcher.view().members[id]?.online)
      await waitFor('the crowd to show as online', online)
      await waitFor('someone to wander into a room', () => Object.values(watcher.view().rooms).some((room) => room.occupants.some((id) => id.startsWith('load-'))))
      crowd.kill('SIGINT')
      expect(await exited).toBe(0)
      await waitFor('the crowd to leave', () => !['load-1', 'load-2', 'load-3'].some((id) => watcher.view().members[id]?.online))
    } finally {
      await watcher.close()
      await server.close()
    }
  })
})
