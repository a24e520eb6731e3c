// One measured step: a server, a number of members in their documents, a load for a while; the
// delivery latency at the members, the server's CPU and memory, and the bytes each delivery took.
import type { BenchTeam } from '../fanout/bench-team'
import { cpuSeconds, fullGcRss, rssBytes } from '../fanout/proc-stats'
import { percentile } from '../fanout/stats'
import { DeliveryClock, PROBE_EVERY, bytesRead, closeMembers, openMembers, sendPresence, type Member } from './light-members'
import { pin, startPeer, type PeerKind } from './peers'

export interface Load {
  /** Presence changes per second across all members. */
  changesPerSecond: number
  /** Changes go out in rounds this far apart (short: spread; 500 ms: clustered). */
  roundMs: number
  /** Of the changes, the shares that are renewals and status edits (the rest are walks). */
  renewalShare: number
  statusShare: number
}

/** After the window, deliveries still count this long: ours holds renewals up to 5 s. */
const DELIVERY_GRACE_MS = 5500

export interface StepSetup {
  kind: PeerKind
  /** Size of each document's membership, in join order. */
  docSizes: readonly number[]
  load: Load
  warmupMs: number
  windowMs: number
  /** Server on core 0, this process (the members) on core 1. */
  pinned: boolean
  /** Every member publishes a first state before the load (spread over a second), as a company's members have one. */
  presentFirst: boolean
  /** Ours only: node's flags, when not the ones we ship with. */
  nodeFlags?: readonly string[]
  /** Ours only: another build's main.js (a copy of out/server made before a change) instead of this one's. */
  entry?: string
  /** Ours and the reference: also measure RSS per member after a full GC (a GC at idle changes the plain figure: run it apart). */
  gcOnSignal?: boolean
}

export interface StepFigures {
  server: PeerKind
  members: number
  docs: number
  pinned: boolean
  /** Delivery latency of visible changes (walks, status edits). */
  p50Ms: number
  p99Ms: number
  /** Delivery latency of renewals, which only have to beat the receivers' 30 s timeout (ours holds them up to 2 s). */
  renewalP99Ms: number
  /** Deliveries received (or superseded: a later change of the same client arrived instead) over those the measured changes owed. */
  deliveredShare: number
  supersededShare: number
  /** Deliveries per second to every member (the probes' count scaled up). */
  deliveriesPerSecond: number
  /** Server CPU over the window, as a share of one core. */
  cpuShare: number
  cpuUsPerDelivery: number
  rssKbPerMember: number
  /** With `gcOnSignal` (ours and the reference): the same after a full GC at idle and loaded, so without waiting garbage. */
  rssKbPerMemberAfterGc?: number
  bytesPerDelivery: number
  /** Ours: its idle GC's full collections (server/observe/idle-gc.ts), from /metrics. */
  idleGc?: IdleGcFigures
}

export interface IdleGcFigures {
  /** From the window's start until its deliveries stop counting: the ones a timed change can wait behind. */
  inWindow: number
  /** Since the server started (its start-up collection included), with their pauses. */
  total: number
  pauseMsTotal: number
  longestPauseMs: number
}

export async function runStep(team: BenchTeam, setup: StepSetup): Promise<StepFigures> {
  const members = setup.docSizes.reduce((a, b) => a + b, 0)
  const peer = await startPeer(setup.kind, team.dataDir, undefined, { nodeFlags: setup.nodeFlags, gcOnSignal: setup.gcOnSignal, entry: setup.entry })
  try {
    if (setup.pinned) pin(peer.pid, '0')
    const idleRss = rssBytes(peer.pid)
    const idleRssAfterGc = setup.gcOnSignal ? await fullGcRss(peer.pid) : 0
    const docs = team.plans(setup.docSizes.length, setup.docSizes.length).map((plan) => plan.docName)
    for (const doc of docs) await peer.prepare(doc)
    const identities = team.plans(members, 1)
    const docOf: number[] = setup.docSizes.flatMap((size, doc) => Array<number>(size).fill(doc))
    const plans = identities.map((identity, i) => ({ user: identity.user, docName: docs[docOf[i]!]!, url: peer.url(docs[docOf[i]!]!, identity.token) }))
    const clock = new DeliveryClock()
    const opened = await openMembers(plans, clock, { syncStep: setup.kind !== 'floor', batch: 200 })
    if (setup.presentFirst) {
      // A first state is an 'added' change, not what is measured; spread so it is no N² storm.
      for (const [i, member] of opened.entries()) {
        sendPresence(member, 'walk', clock, false)
        if (i % 50 === 49) await delay(2000 / (opened.length / 50))
      }
      await delay(1000)
    }
    await drive(opened, setup.load, clock, setup.warmupMs, false)
    clock.reset()
    const gcsBefore = peer.metricsUrl ? await idleGcCounters(peer.metricsUrl) : null
    const cpuBefore = cpuSeconds(peer.pid)
    const bytesBefore = bytesRead(opened)
    const owed = await drive(opened, setup.load, clock, setup.windowMs, true, setup.docSizes, docOf)
    const cpu = cpuSeconds(peer.pid) - cpuBefore
    const rss = rssBytes(peer.pid)
    await delay(DELIVERY_GRACE_MS)
    const bytes = bytesRead(opened) - bytesBefore
    const gcsAfter = peer.metricsUrl ? await idleGcCounters(peer.metricsUrl) : null
    const rssAfterGc = setup.gcOnSignal ? await fullGcRss(peer.pid) : 0
    closeMembers(opened)
    const sorted = clock.latencies.sort((a, b) => a - b)
    const windowS = setup.windowMs / 1000
    return {
      server: setup.kind,
      members,
      docs: docs.length,
      pinned: setup.pinned,
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
      renewalP99Ms: percentile(clock.renewalLatencies.sort((a, b) => a - b), 0.99),
      deliveredShare: owed > 0 ? (clock.deliveries + clock.superseded) / owed : 0,
      supersededShare: owed > 0 ? clock.superseded / owed : 0,
      deliveriesPerSecond: (clock.deliveries * PROBE_EVERY) / windowS,
      cpuShare: cpu / windowS,
      cpuUsPerDelivery: clock.deliveries > 0 ? (cpu * 1e6) / (clock.deliveries * PROBE_EVERY) : 0,
      rssKbPerMember: Math.max(0, rss - idleRss) / 1024 / members,
      ...(setup.gcOnSignal ? { rssKbPerMemberAfterGc: Math.max(0, rssAfterGc - idleRssAfterGc) / 1024 / members } : {}),
      bytesPerDelivery: clock.deliveries > 0 ? bytes / clock.deliveries : 0,
      ...(gcsBefore && gcsAfter ? { idleGc: { ...gcsAfter, inWindow: gcsAfter.total - gcsBefore.total } } : {}),
    }
  } finally {
    await peer.stop()
  }
}

/**
 * Sends the load for `ms`: each round, the changes due, from members drawn at random. Returns
 * the deliveries the measured changes owe (each reaches every other member of its document).
 */
async function drive(members: Member[], load: Load, clock: DeliveryClock, ms: number, measured: boolean, docSizes: readonly number[] = [], docOf: number[] = []): Promise<number> {
  const probesIn = docSizes.map(() => 0)
  for (const [i, member] of members.entries()) if (member.probe) probesIn[docOf[i]!]!++
  const started = performance.now()
  let sent = 0
  let owed = 0
  let random = 12345
  const next = () => (random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  for (let round = 0; ; round++) {
    const due = started + round * load.roundMs
    const wait = due - performance.now()
    if (wait > 0) await delay(wait)
    if (performance.now() - started >= ms) break
    const target = Math.round(((round + 1) * load.roundMs * load.changesPerSecond) / 1000)
    for (; sent < target; sent++) {
      const index = Math.floor(next() * members.length)
      const roll = next()
      const kind = roll < load.renewalShare ? 'renewal' : roll < load.renewalShare + load.statusShare ? 'status' : 'walk'
      sendPresence(members[index]!, kind, clock, measured)
      if (measured) owed += probesIn[docOf[index]!]! - (members[index]!.probe ? 1 : 0)
    }
  }
  return owed
}

/** One step's figures on one line. */
export function stepLine(f: StepFigures): string {
  return `  ${f.server.padEnd(9)} ${String(f.members).padStart(5)} members in ${f.docs} docs${f.pinned ? '' : ' (unpinned)'}: p50 ${f.p50Ms.toFixed(1)} ms, p99 ${f.p99Ms.toFixed(1)} ms (renewals ${f.renewalP99Ms.toFixed(0)} ms), ${(f.deliveredShare * 100).toFixed(1)} % delivered (${(f.supersededShare * 100).toFixed(1)} % superseded), ${Math.round(f.deliveriesPerSecond)} deliveries/s, CPU ${(f.cpuShare * 100).toFixed(0)} % (${f.cpuUsPerDelivery.toFixed(1)} µs/delivery), RSS ${f.rssKbPerMember.toFixed(1)} KB/member, ${f.bytesPerDelivery.toFixed(1)} B/delivery${f.idleGc ? `, idle GCs ${f.idleGc.inWindow} in window, ${f.idleGc.total} in all (${f.idleGc.pauseMsTotal.toFixed(0)} ms, longest ${f.idleGc.longestPauseMs.toFixed(1)} ms)` : ''}`
}

async function idleGcCounters(metricsUrl: string): Promise<Omit<IdleGcFigures, 'inWindow'>> {
  const body = await (await fetch(metricsUrl)).text()
  const sample = (series: string) => {
    const line = body.split('\n').find((l) => l.startsWith(`${series} `))
    return line ? Number(line.slice(series.length + 1)) : NaN
  }
  return {
    total: sample('hallway_idle_gc_total'),
    pauseMsTotal: sample('hallway_idle_gc_pause_seconds_total') * 1000,
    // Absent from builds before it was added.
    longestPauseMs: sample('hallway_idle_gc_longest_pause_seconds') * 1000,
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
