// After a deploy: a node restarted under load. Members come back on the Hallway core's reconnect
// schedule (shared/core/jittered-socket.ts), the same for every server, so what differs is the server
// (and what it says in its 1012, which the core follows).
import { comebackOf } from '../../shared/contract/close-codes'
import { ReconnectSchedule, defaultBackoff } from '../../shared/core/jittered-socket'
import type { BenchTeam } from '../fanout/bench-team'
import { cpuSplitSeconds } from '../fanout/proc-stats'
import { percentile } from '../fanout/stats'
import { DeliveryClock, closeMembers, connectMember, openMembers, sendPresence, type Member } from './light-members'
import { holdSocket } from '../../server/testing/held-socket'
import { processGroupMembers } from '../../server/testing/process-group'
import { childrenOf, pin, startPeer, type PeerKind } from './peers'

export interface RestartFigures {
  server: PeerKind
  members: number
  /** From the old process being told to stop until it exited (ours drains first). */
  stopMs: number
  /** From the old process stopping until the new one listened. */
  downMs: number
  /** From the old process stopping until the last member had the document again. */
  allBackMs: number | null
  /** Most connections opened in any one second of the comeback. */
  peakReconnectsPerSecond: number
  failedAttempts: number
  /**
   * The restarted server's CPU from listening until every member was back, per member: with no
   * load (`--compression 0`) what one admission costs it; under load the members' renewals too.
   * Null if not all came back.
   */
  cpuUsPerAdmission: number | null
  /**
   * The kernel's part of cpuUsPerAdmission (accepts, socket reads and writes: on loopback a write
   * also runs the receiver's side); the rest is the server's own code. Null as cpuUsPerAdmission.
   */
  kernelUsPerAdmission: number | null
  /**
   * 99th percentile of the room walks' delivery while members came back (stop → all back), between
   * members already back; null if none was delivered.
   */
  walkP99Ms: number | null
  /** The slowest answer to a plain HTTP request (ours: /readyz) every 100 ms while members came back; null if all were back before the first. */
  worstProbeMs: number | null
  /**
   * Where the 1012 names when to start (ours): per member, from reading its 1012 until the new
   * process listened, less the wait the 1012 named. Above 0 the member was told too short a wait
   * (its first attempt lands on a closed port); below 0, too long. Median and the largest; null for servers that name none.
   */
  namedWaitShortMs: { median: number; max: number } | null
}

const COMEBACK_TIMEOUT_MS = 60_000

export interface RestartLoad {
  changesPerSecond: number
  /** The rest are room walks, timed. */
  renewalShare: number
}

export interface RestartOptions {
  /** Ours only: both processes write a V8 CPU profile of their lives here (the first one's ends with its drain). */
  cpuProfileDir?: string
  /** Ours only: another build's main.js for both processes (a copy of out/server made before a change). */
  entry?: string
  /**
   * Ours only: the bench holds the listening socket across the restart and hands it to both
   * processes, as systemd's .socket unit does (the README's self-hosting section).
   */
  heldSocket?: boolean
  /**
   * Ours only: run with `--hand-over` and deploy by SIGHUP to its keeper: the members' sockets go
   * to the new worker, nobody reconnects. A member is back when the new worker's sync step 1 reaches
   * it on its open socket; the stop is the old worker's exit; no down time (the port never closes).
   */
  handOver?: boolean
}

export async function runRestart(team: BenchTeam, kind: PeerKind, docSizes: readonly number[], load: RestartLoad, options: RestartOptions = {}): Promise<RestartFigures> {
  const members = docSizes.reduce((a, b) => a + b, 0)
  const heldSocket = options.heldSocket ? holdSocket('127.0.0.1') : undefined
  let peer = await startPeer(kind, team.dataDir, undefined, { cpuProfileDir: options.cpuProfileDir, entry: options.entry, heldSocket, handOver: options.handOver })
  const port = peer.port
  pin(peer.pid, '0')
  // A worker's start-up CPU, to tell the successor's apart from its take-over.
  const firstWorker = options.handOver ? childrenOf(peer.pid)[0]! : null
  const startUpCpu = firstWorker === null ? 0 : cpuTotal(firstWorker)
  const docs = team.plans(docSizes.length, docSizes.length).map((plan) => plan.docName)
  for (const doc of docs) await peer.prepare(doc)
  const identities = team.plans(members, 1)
  const docOf = docSizes.flatMap((size, doc) => Array<number>(size).fill(doc))
  const plans = identities.map((identity, i) => ({ user: identity.user, docName: docs[docOf[i]!]!, url: peer.url(docs[docOf[i]!]!, identity.token) }))
  const clock = new DeliveryClock()
  // Every member reads its socket, as the core does: it answers the drain's close handshake and sees 1012.
  const opened = await openMembers(plans, clock, { syncStep: true, batch: 200, allRead: true, announce: true })
  const syncedAt = new Map<Member, number>()
  const opens: number[] = []
  let failedAttempts = 0
  let stopping = false
  const comeBack = (member: Member, schedule: ReconnectSchedule) => {
    if (stopping) return
    setTimeout(() => {
      if (stopping) return
      let openedAt = 0
      connectMember(member, clock, {
        syncStep: true,
        announce: true,
        onSynced: () => syncedAt.has(member) || syncedAt.set(member, performance.now()),
        onClose: (code, reason) => {
          schedule.closed(code, reason, openedAt)
          comeBack(member, schedule)
        },
      })
        .then(() => {
          openedAt = Date.now()
          schedule.opened()
          opens.push(performance.now())
        })
        .catch(() => failedAttempts++)
    }, schedule.nextDelay())
  }
  let handingOverSince: number | null = null
  if (options.handOver) {
    for (const member of opened) {
      member.ws.on('message', (data: Buffer) => {
        // The new worker's sync step 1 on a socket the old one opened.
        if (handingOverSince !== null && data[0] === 0 && data[1] === 0 && !syncedAt.has(member)) syncedAt.set(member, performance.now())
      })
    }
  }
  const namedWaits: Array<{ readAt: number; afterMs: number }> = []
  for (const member of opened) {
    // The first connection counts as attempt 0, opened long enough ago to be stable.
    const schedule = new ReconnectSchedule(defaultBackoff)
    schedule.nextDelay()
    const openedAt = Date.now() - defaultBackoff.stableMs
    member.ws.once('close', (code, reason) => {
      const comeback = comebackOf(reason.toString())
      if (comeback) namedWaits.push({ readAt: performance.now(), afterMs: comeback.afterMs })
      schedule.closed(code, reason.toString(), openedAt)
      comeBack(member, schedule)
    })
  }
  let loading = true
  const changing = (async () => {
    while (loading) {
      for (let k = 0; k < load.changesPerSecond / 10; k++) {
        const walk = Math.random() >= load.renewalShare
        sendPresence(opened[Math.floor(Math.random() * opened.length)]!, walk ? 'walk' : 'renewal', clock, walk)
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  })()
  try {
    await new Promise((resolve) => setTimeout(resolve, 2000))
    const stoppedAt = performance.now()
    clock.reset()
    let stopMs: number
    let downMs = 0
    let listenedAt = stoppedAt
    let cpuAtListening = { user: 0, kernel: 0 }
    let successor: number | null = null
    if (firstWorker !== null) {
      handingOverSince = stoppedAt
      process.kill(peer.pid, 'SIGHUP')
      stopMs = 0
    } else {
      await peer.stop()
      stopMs = performance.now() - stoppedAt
      peer = await startPeer(kind, team.dataDir, port, { cpuProfileDir: options.cpuProfileDir, entry: options.entry, heldSocket })
      listenedAt = performance.now()
      downMs = listenedAt - stoppedAt
      pin(peer.pid, '0')
      cpuAtListening = cpuSplitSeconds(peer.pid)
      for (const doc of docs) await peer.prepare(doc)
    }
    const deadline = stoppedAt + COMEBACK_TIMEOUT_MS
    let worstProbeMs: number | null = null
    while (syncedAt.size < members && performance.now() < deadline) {
      // The first worker leads the group its successor joins.
      if (firstWorker !== null) successor ??= processGroupMembers(firstWorker).find((pid) => pid !== firstWorker) ?? null
      const asked = performance.now()
      // A reset is an answer too (the reference resets some plain requests): it is the delay that counts.
      await fetch(peer.probeUrl).then((response) => response.arrayBuffer(), () => undefined)
      worstProbeMs = Math.max(worstProbeMs ?? 0, performance.now() - asked)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    // With a hand-over, the successor's whole life so far less a worker's start-up: its take-over.
    const cpuAtAllBack = cpuSplitSeconds(successor ?? peer.pid)
    const admissionCpu = cpuAtAllBack.user + cpuAtAllBack.kernel - cpuAtListening.user - cpuAtListening.kernel - startUpCpu
    const admissionKernelCpu = cpuAtAllBack.kernel - cpuAtListening.kernel
    if (firstWorker !== null) {
      // The old worker exits once its stores are closed, after the last member has gone.
      while (processGroupMembers(firstWorker).includes(firstWorker) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5))
      stopMs = performance.now() - stoppedAt
    }
    const walks = clock.latencies.sort((a, b) => a - b)
    const last = Math.max(...syncedAt.values())
    const perSecond = new Map<number, number>()
    for (const at of opens) perSecond.set(Math.floor((at - stoppedAt) / 1000), (perSecond.get(Math.floor((at - stoppedAt) / 1000)) ?? 0) + 1)
    return {
      server: kind,
      members,
      stopMs,
      downMs,
      allBackMs: syncedAt.size === members ? last - stoppedAt : null,
      peakReconnectsPerSecond: Math.max(0, ...perSecond.values()),
      failedAttempts,
      walkP99Ms: walks.length > 0 ? percentile(walks, 0.99) : null,
      cpuUsPerAdmission: syncedAt.size === members ? (admissionCpu * 1e6) / members : null,
      kernelUsPerAdmission: syncedAt.size === members ? (admissionKernelCpu * 1e6) / members : null,
      worstProbeMs,
      // On a held socket an early draw waits in the kernel's queue rather than failing: no wait is named.
      namedWaitShortMs: heldSocket ? null : shortfalls(namedWaits, listenedAt),
    }
  } finally {
    stopping = true
    loading = false
    await changing
    closeMembers(opened)
    await peer.stop()
    heldSocket?.close()
  }
}

function cpuTotal(pid: number): number {
  const { user, kernel } = cpuSplitSeconds(pid)
  return user + kernel
}

function shortfalls(named: ReadonlyArray<{ readAt: number; afterMs: number }>, listenedAt: number): { median: number; max: number } | null {
  if (named.length === 0) return null
  const short = named.map(({ readAt, afterMs }) => listenedAt - readAt - afterMs).sort((a, b) => a - b)
  return { median: percentile(short, 0.5), max: short[short.length - 1]! }
}
