import type { ClientPlan, GeneratorRole } from './messages'

/** Probes per run at least: enough latency samples, few enough that one process times them without queueing. */
const MIN_PROBES = 20
const MAX_STEP = 100

export interface JoinStep {
  role: GeneratorRole
  clients: ClientPlan[]
}

export interface JoinPlan {
  /** In order: servers fan out in join order, so probes are spread through it, not bunched at one end. */
  steps: JoinStep[]
  clientsPerDoc: Record<string, number>
}

/**
 * Picks the probes (at least two per document: a sender and a timed receiver) and the join order.
 * `changesPerRound` probes at least, so no client changes twice at once: a server that sends each
 * turn's latest state would rightly send that client once.
 */
export function joinPlan(plans: readonly ClientPlan[], changesPerRound: number): JoinPlan {
  const byDoc = new Map<string, ClientPlan[]>()
  for (const plan of plans) byDoc.set(plan.docName, [...(byDoc.get(plan.docName) ?? []), plan])
  const probes = new Set<ClientPlan>()
  const perDoc = Math.max(2, Math.ceil(Math.max(MIN_PROBES, changesPerRound) / byDoc.size))
  for (const members of byDoc.values()) {
    const count = Math.min(members.length, perDoc)
    for (let k = 0; k < count; k++) probes.add(members[Math.floor(((k + 0.5) * members.length) / count)]!)
  }
  const steps: JoinStep[] = []
  for (const plan of plans) {
    const role: GeneratorRole = probes.has(plan) ? 'probe' : 'crowd'
    const last = steps[steps.length - 1]
    if (last && last.role === role && last.clients.length < MAX_STEP) last.clients.push(plan)
    else steps.push({ role, clients: [plan] })
  }
  const clientsPerDoc = Object.fromEntries([...byDoc].map(([doc, members]) => [doc, members.length]))
  return { steps, clientsPerDoc }
}
