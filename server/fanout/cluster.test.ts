import type { WebsocketProvider } from 'y-websocket'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { teamDocName } from '../../shared/contract/doc-names'
import type { PresenceCore } from '../../shared/core/engine'
import { verifyToken } from '../auth/tokens'
import { runCli } from '../cli/hallway'
import { openCore, openProvider, tempDir, waitFor } from '../testing/harness'
import { scaleOutFixture } from '../testing/scale-out-fixture'

const fixture = scaleOutFixture()
const { providers, cores } = fixture
beforeAll(fixture.start)
afterEach(fixture.closeAll)
afterAll(fixture.stop)

async function core(url: string, token: string): Promise<PresenceCore> {
  const opened = await openCore(url, token)
  cores.push(opened)
  return opened
}

/** A stock y-websocket client, as docs/contract.md allows. */
function stockClient(url: string, docName: string, token: string): WebsocketProvider {
  const provider = openProvider(url, docName, token)
  providers.push(provider)
  return provider
}

/** The admin CLI in this process (the same code `npm run hallway` runs). */
async function cli(...argv: string[]): Promise<{ code: number; stdout: string }> {
  const out: string[] = []
  const code = await runCli(argv, { out: (line) => out.push(line), stopSignal: () => new Promise(() => {}) })
  return { code, stdout: out.join('\n') }
}

const roomNames = (c: PresenceCore) => Object.values(c.view().rooms).map((room) => room.name)

describe('scale-out: several nodes on one Postgres and one Redis', () => {
  it('a client on node 1 and one on node 2 converge: presence, edits, server-made member maps; a late node sees both', async () => {
    const c = await fixture.cluster()
    const [node1, node2] = await Promise.all([c.startNode(), c.startNode()])
    const ada = await core(node1.url, await c.token('ada', 'admin'))
    const bob = await core(node2.url, await c.token('bob', 'admin'))
    await Promise.all([ada.whenSynced(), bob.whenSynced()])

    expect(await ada.execute({ type: 'enterRoom', roomId: 'lobby' })).toEqual({ ok: true })
    await waitFor('bob (node 2) to see ada (node 1) in the lobby', () => bob.view().rooms.lobby?.occupants.includes('ada'))
    expect(await bob.execute({ type: 'enterRoom', roomId: 'kitchen' })).toEqual({ ok: true })
    await waitFor('ada to see bob in the kitchen', () => ada.view().rooms.kitchen?.occupants.includes('bob'))

    expect(await bob.execute({ type: 'createRoom', name: 'War Room', kind: 'meeting' })).toEqual({ ok: true })
    expect(await ada.execute({ type: 'createRoom', name: 'Quiet Room', kind: 'focus' })).toEqual({ ok: true })
    await waitFor('both rooms on both sides', () =>
      [ada, bob].every((x) => roomNames(x).includes('War Room') && roomNames(x).includes('Quiet Room')),
    )
    await waitFor('member maps made by each node reach the other', () => ada.view().members.bob?.name === 'User bob' && bob.view().members.ada?.name === 'User ada')

    // A node that loads the document now asks the others for their clients' presence.
    const node3 = await c.startNode()
    const cy = await core(node3.url, await c.token('cy'))
    await cy.whenSynced()
    await waitFor('cy (node 3) to see ada and bob where they are', () => {
      const rooms = cy.view().rooms
      return rooms.lobby?.occupants.includes('ada') && rooms.kitchen?.occupants.includes('bob')
    })
    expect(roomNames(cy)).toEqual(expect.arrayContaining(['War Room', 'Quiet Room']))
  })

  it('a client leaving node 1 is removed on node 2 (not left to time out); nodes unload idle documents and reload from Postgres', async () => {
    const c = await fixture.cluster()
    const [node1, node2] = await Promise.all([c.startNode({ unloadAfterMs: 0 }), c.startNode({ unloadAfterMs: 0 })])
    const ada = await core(node1.url, await c.token('ada', 'admin'))
    const bob = await core(node2.url, await c.token('bob', 'admin'))
    await Promise.all([ada.whenSynced(), bob.whenSynced()])
    await ada.execute({ type: 'enterRoom', roomId: 'lobby' })
    await waitFor('bob to see ada', () => bob.view().rooms.lobby?.occupants.includes('ada'))

    await ada.close()
    // Node 1 lives on, so only its removal message can do this before awareness's 30 s timeout.
    await waitFor('ada gone on node 2', () => !bob.view().rooms.lobby?.occupants.includes('ada'))

    await bob.execute({ type: 'createRoom', name: 'After Ada', kind: 'open' })
    await bob.flushed()
    await bob.close()
    // Both nodes unloaded the document; a new client on node 1 gets it from Postgres.
    const again = await core(node1.url, await c.token('ada', 'admin'))
    await again.whenSynced()
    await waitFor('the room bob made, from the store', () => roomNames(again).includes('After Ada'))
  })

  it('the admin CLI works against the cluster\'s Postgres: teams, tokens with the shared secret, seeds that running nodes show at once', async () => {
    const c = await fixture.cluster()
    const postgres = c.scaleOut.postgresUrl
    const created = await cli('team', 'create', '--postgres', postgres, '--name', 'Globex')
    expect(created.code).toBe(0)
    const teamId = created.stdout
    expect(await c.store.getTeam(teamId)).toMatchObject({ name: 'Globex' })

    const minted = await cli('token', '--postgres', postgres, '--team', teamId, '--user', 'ada')
    expect(minted.code).toBe(0)
    const verdict = await verifyToken(await c.store.signingSecret(), minted.stdout)
    expect(verdict.ok && verdict.claims).toMatchObject({ sub: 'ada', team: teamId })

    const node = await c.startNode()
    const ada = await core(node.url, minted.stdout)
    await ada.whenSynced()
    expect(await cli('seed', '--postgres', postgres, '--team', teamId, '--members', '3', '--rooms', '2')).toMatchObject({ code: 0 })
    await waitFor('the seeded rooms in the connected client', () => roomNames(ada).includes('Atrium') && roomNames(ada).includes('Library'))
    await waitFor('the seeded members too', () => ada.view().members['load-3'] !== undefined)

    expect((await cli('token', '--postgres', postgres, '--data', tempDir(), '--team', teamId, '--user', 'bob')).code).toBe(2)
    expect((await cli('token', '--postgres', 'mysql://x/y', '--team', teamId, '--user', 'bob')).code).toBe(2)
    expect((await cli('token', '--postgres', postgres, '--team', 'nope', '--user', 'bob')).code).toBe(1)
  })

  it('invites and revocations are cluster-wide: an invite from the CLI is accepted on node 1, revoking closes the member on node 2', async () => {
    const c = await fixture.cluster()
    const [node1, node2] = await Promise.all([c.startNode({ revocationCheckMs: 50 }), c.startNode({ revocationCheckMs: 50 })])
    const invited = await cli('invite', '--postgres', c.scaleOut.postgresUrl, '--team', c.teamId)
    expect(invited.code).toBe(0)
    const accepted = await fetch(`${node1.url}/api/invites/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: invited.stdout, name: 'Dee' }),
    })
    expect(accepted.status).toBe(200)
    const { token, userId } = (await accepted.json()) as { token: string; userId: string }

    const member = await core(node2.url, token)
    await member.whenSynced()
    expect((await cli('revoke', '--postgres', c.scaleOut.postgresUrl, '--team', c.teamId, '--user', userId)).code).toBe(0)
    await waitFor('node 2 to close the revoked member', () => member.view().connection.state === 'denied')
    const again = stockClient(node1.url, teamDocName(c.teamId), token)
    const closed = await new Promise<number>((resolve) => again.on('connection-close', (event) => resolve(event?.code ?? 0)))
    expect(closed).toBe(4401)
  })

  it('avatar photos are cluster-wide: a WebP uploaded to node 1 is served by node 2, byte for byte', async () => {
    const c = await fixture.cluster()
    const [node1, node2] = await Promise.all([c.startNode(), c.startNode()])
    const webp = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64')
    const uploaded = await fetch(`${node1.url}/api/avatars`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await c.token('ada')}`, 'Content-Type': 'image/webp' },
      body: new Uint8Array(webp),
    })
    expect(uploaded.status).toBe(201)
    const { sha256 } = (await uploaded.json()) as { sha256: string }
    const served = await fetch(`${node2.url}/api/avatars/${sha256}`)
    expect(served.status).toBe(200)
    expect(Buffer.from(await served.arrayBuffer()).equals(webp)).toBe(true)
  })

  it('a node that cannot reach Redis refuses to start, with a clear error', async () => {
    const c = await fixture.cluster()
    await expect(c.startNode({ scaleOut: { ...c.scaleOut, redisUrl: 'redis://127.0.0.1:1' } })).rejects.toThrow(/Could not reach Redis at redis:\/\/127\.0\.0\.1:1/)
  })

  it('presence crosses nodes: each of 150 changes of a stock client on node 1 reaches a stock client on node 2, in order', async () => {
    const c = await fixture.cluster()
    const [node1, node2] = await Promise.all([c.startNode(), c.startNode()])
    const docName = teamDocName(c.teamId)
    const sender = stockClient(node1.url, docName, await c.token('ada'))
    const receiver = stockClient(node2.url, docName, await c.token('bob'))
    await waitFor('both synced', () => sender.synced && receiver.synced)

    const senderId = sender.awareness.clientID
    type Sent = { user: string; room: string; seq: number }
    const arrived: Sent[] = []
    receiver.awareness.on('change', () => {
      const state = receiver.awareness.getStates().get(senderId) as Sent | undefined
      if (state && state.seq !== arrived.at(-1)?.seq) arrived.push(state)
    })
    const sent: Sent[] = []
    // Under the per-connection rate limit's burst: every change is one message. Latency: `npm run bench`.
    for (let seq = 1; seq <= 150; seq++) {
      const state = { user: 'ada', room: seq % 2 ? 'lobby' : 'kitchen', seq }
      sent.push(state)
      sender.awareness.setLocalState(state)
      await waitFor(`change ${seq} on node 2`, () => arrived.at(-1)?.seq === seq)
    }
    expect(arrived).toEqual(sent)
  })
})
