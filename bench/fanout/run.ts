// Presence fan-out benchmark (issue 3). `npm run bench` runs every configuration through
// runFanoutBench; alone: node --expose-gc --import tsx bench/fanout/run.ts [--clients N --docs D]
// [--rate CHANGES_PER_S] [--round MS] [--window S] [--warmup S] [--server ours|reference|both] [--profile DIR]
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'
import { createBenchTeam } from './bench-team'
import { printComparison, verdictsOf, type FanoutResult } from './figures'
import { runComparison, type FanoutConfig, type LoadShape } from './scenario'
import type { ServerKind } from './server-process'

/** Presence changes per second a client may make at most: a person moving or toggling mic every 2 s. */
const MAX_CHANGES_PER_CLIENT = 0.5
/**
 * Deliveries per second the load aims at. The stock client echoes every awareness update it
 * receives, so each delivery is also a message back to the server, and one generator core has to
 * decode, echo and time them all; past this the generator, not the server, sets the latency.
 */
const DELIVERY_BUDGET = 10_000

/**
 * Measured changes per server and load shape to aim for: the 99th percentile of fewer changes is
 * mostly one unlucky change. Bounded so the whole benchmark stays under four minutes.
 */
const TARGET_CHANGES = 150
const MIN_WINDOW_MS = 4000
const MAX_WINDOW_MS = 15_000
/** Servers alternate in slices of about this long. */
const SLICE_MS = 1000

type ConfigRequest = Partial<FanoutConfig> & Pick<FanoutConfig, 'clients' | 'docs'>

export const DEFAULT_CONFIGS: readonly ConfigRequest[] = [
  { clients: 200, docs: 1 },
  { clients: 1000, docs: 1 },
  { clients: 200, docs: 100 },
  { clients: 1000, docs: 100 },
]

export interface FanoutOptions {
  configs?: readonly ConfigRequest[]
  servers?: readonly ServerKind[]
  profileDir?: string
}

/**
 * Two ways to space the same rate. Clustered: a share of the team changes at once every half
 * second, as when a meeting starts. Spread: one change at a time, evenly spaced, the best case
 * for a server that sends each change on its own.
 */
export function defaultShapes(changesPerSecond: number): LoadShape[] {
  return [
    { name: 'clustered', roundMs: 500 },
    { name: 'spread', roundMs: Math.max(2, Math.round(1000 / changesPerSecond)) },
  ]
}

export function defaultRate(clients: number, docs: number): number {
  const receivers = Math.max(1, Math.ceil(clients / docs) - 1)
  return Math.round(Math.min(clients * MAX_CHANGES_PER_CLIENT, DELIVERY_BUDGET / receivers))
}

export async function runFanoutBench(options: FanoutOptions = {}): Promise<FanoutResult[]> {
  const configs = (options.configs ?? DEFAULT_CONFIGS).map((c): FanoutConfig => {
    const changesPerSecond = c.changesPerSecond ?? defaultRate(c.clients, c.docs)
    const windowMs = c.windowMs ?? Math.min(MAX_WINDOW_MS, Math.max(MIN_WINDOW_MS, (TARGET_CHANGES / changesPerSecond) * 1000))
    // An even number of slices, so each server goes first equally often.
    const slices = Math.max(2, 2 * Math.round(windowMs / (2 * SLICE_MS)))
    return { changesPerSecond, shapes: defaultShapes(changesPerSecond), warmupMs: 1500, windowMs, slices, drainMs: 5000, ...c }
  })
  const servers = options.servers ?? ['ours', 'reference']
  const team = await createBenchTeam(Math.max(...configs.map((c) => c.clients)))
  const results: FanoutResult[] = []
  try {
    for (const config of configs) {
      const machineLoad = loadavg()[0]!
      const comparison = { config, machineLoad, outcomes: await runComparison(config, team, servers, options.profileDir) }
      printComparison(comparison)
      results.push({ ...comparison, verdicts: verdictsOf(comparison) })
    }
  } finally {
    await team.remove()
  }
  return results
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      clients: { type: 'string' },
      docs: { type: 'string' },
      rate: { type: 'string' },
      round: { type: 'string' },
      window: { type: 'string' },
      warmup: { type: 'string' },
      server: { type: 'string', default: 'both' },
      profile: { type: 'string' },
    },
  })
  const number = (value: string | undefined) => (value === undefined ? undefined : Number(value))
  const clients = number(values.clients)
  const docs = number(values.docs)
  const only = clients !== undefined || docs !== undefined ? [{ clients: clients ?? 200, docs: docs ?? 1 }] : DEFAULT_CONFIGS
  const overrides: Partial<FanoutConfig> = {}
  if (values.rate) overrides.changesPerSecond = Number(values.rate)
  if (values.round) overrides.shapes = [{ name: `${values.round} ms rounds`, roundMs: Number(values.round) }]
  if (values.window) overrides.windowMs = Number(values.window) * 1000
  if (values.warmup) overrides.warmupMs = Number(values.warmup) * 1000
  const servers = { both: ['ours', 'reference'] as const, ours: ['ours'] as const, reference: ['reference'] as const }[values.server]
  if (!servers) throw new Error(`--server must be ours, reference or both (got "${values.server}")`)
  await runFanoutBench({ configs: only.map((c) => ({ ...c, ...overrides })), servers, profileDir: values.profile })
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main()
}
