// Temporary: RSS per member at 2,000 members, real rates (the projection step), ours and the reference.
import { companyLoad } from './capacity/run'
import { runStep, stepLine } from './capacity/step'
import { createBenchTeam } from './fanout/bench-team'
import { readFileSync } from 'node:fs'
const M = Number(process.env.M ?? 2000)
const team = await createBenchTeam(M)
try {
  for (let r = 0; r < Number(process.env.ROUNDS ?? 2); r++)
    for (const kind of ['ours', 'reference'] as const) {
      const la = readFileSync('/proc/loadavg', 'utf8').split(' ')[0]
      const s = await runStep(team, { kind, ...companyLoad(M, Number(process.env.C ?? 1)), warmupMs: 2000, windowMs: 6000, pinned: true, presentFirst: true, gcOnSignal: process.env.GC === '1' })
      console.log(`r${r} load ${la} ${stepLine(s)} afterGc ${s.rssKbPerMemberAfterGc?.toFixed(1)}`)
    }
} finally { await team.remove() }
process.exit(0)
