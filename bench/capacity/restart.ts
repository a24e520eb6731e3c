// After a deploy: a node restarted under load. Members come back with the Hallway core's full-jitter
// backoff (shared/core/jittered-socket.ts), the same for every server, so what differs is the server.
import { defaultBackoff, jitterDelay } from '../../shared/core/jittered-socket'
import { CloseCode } from '../../shared/contract/close-codes'
import type { BenchTeam } from '../fanout/bench-team'
import { DeliveryClock, closeMembers, connectMember, openMembers, sendPresence, type Member } from './light-members'
import { pin, startPeer, type PeerKind } from './peers'

export interface RestartFigures {
  server: PeerKind
  members: number
  /** From the old process stopping until the new one listened. */
  downMs: number
  /** From the old process stopping until the last member had the document again. */
  allBackMs: number | null
  /** Most connections opened in any one second of the comeback. */
  peakReconnectsPerSecond: number
  failedAttempts: number
}

const COMEBACK_TIMEOUT_MS = 60_000

export async function runRestart(team: BenchTeam, kind: PeerKind, docSizes: readonly number[], changesPerSecond: number): Promise<RestartFigures> {
  const members = docSizes.reduce((a, b) => a + b, 0)
  let peer = await startPeer(kind, team.dataDir)
  const port = peer.port
  pin(peer.pid, '0')
  const docs = team.plans(docSizes.length, docSizes.length).map((plan) => plan.docName)
  for (const doc of docs) await peer.prepare(doc)
  const identities = team.plans(members, 1)
  const docOf = docSizes.flatMap((size, doc) => Array<number>(size).fill(doc))
  const plans = identities.map((identity, i) => ({ user: identity.user, docName: docs[docOf[i]!]!, url: peer.url(docs[docOf[i]!]!, identity.token) }))
  const clock = new DeliveryClock()
  const opened = await openMembers(plans, clock, { syncStep: true, batch: 200 })
  const syncedAt = new Map<Member, number>()
  const opens: number[] = []
  let failedAttempts = 0
  let stopping = false
  const comeBack = (member: Member, attempt: number) => {
    if (stopping) return
    setTimeout(() => {
      if (stopping) return
      connectMember(member, clock, {
        syncStep: true,
        onSynced: () => syncedAt.has(member) || syncedAt.set(member, performance.now()),
        onClose: (code) => comeBack(member, code === CloseCode.draining ? defaultBackoff.drainAttempt : attempt + 1),
      })
        .then(() => opens.push(performance.now()))
        .catch(() => failedAttempts++)
    }, jitterDelay(defaultBackoff, attempt))
  }
  for (const member of opened) member.ws.once('close', (code) => comeBack(member, code === CloseCode.draining ? defaultBackoff.drainAttempt : 1))
  let loading = true
  const load = (async () => {
    while (loading) {
      for (let k = 0; k < changesPerSecond / 10; k++) sendPresence(opened[Math.floor(Math.random() * opened.length)]!, 'renewal', clock, false)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  })()
  try {
    await new Promise((resolve) => setTimeout(resolve, 2000))
    const stoppedAt = performance.now()
    await peer.stop()
    peer = await startPeer(kind, team.dataDir, port)
    const downMs = performance.now() - stoppedAt
    pin(peer.pid, '0')
    for (const doc of docs) await peer.prepare(doc)
    const deadline = stoppedAt + COMEBACK_TIMEOUT_MS
    while (syncedAt.size < members && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
    const last = Math.max(...syncedAt.values())
    const perSecond = new Map<number, number>()
    for (const at of opens) perSecond.set(Math.floor((at - stoppedAt) / 1000), (perSecond.get(Math.floor((at - stoppedAt) / 1000)) ?? 0) + 1)
    return {
      server: kind,
      members,
      downMs,
      allBackMs: syncedAt.size === members ? last - stoppedAt : null,
      peakReconnectsPerSecond: Math.max(0, ...perSecond.values()),
      failedAttempts,
    }
  } finally {
    stopping = true
    loading = false
    await load
    closeMembers(opened)
    await peer.stop()
  }
}
