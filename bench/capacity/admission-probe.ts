// How long N stock clients take to be synced on one document, all opened at once (issue 14's
// "1,000 clients synced after"). Alone: node --import tsx bench/capacity/admission-probe.ts
//   [--clients N] [--server ours|reference] [--profile DIR] [--rounds R]
import { parseArgs } from 'node:util'
import { createBenchTeam } from '../fanout/bench-team'
import { startServerProcess, type ServerKind } from '../fanout/server-process'
import { cpuSeconds } from '../fanout/proc-stats'
import { SocketLedger, closeStockClients, openStockClients } from '../fanout/stock-clients'

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '1000' },
    server: { type: 'string', default: 'ours' },
    profile: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    stateful: { type: 'boolean', default: false },
  },
})
const clients = Number(values.clients)
const team = await createBenchTeam(clients)
const server = await startServerProcess(values.server as ServerKind, { dataDir: team.dataDir, cpuProfileDir: values.profile })
try {
  for (let round = 0; round < Number(values.rounds); round++) {
    const started = performance.now()
    const cpuBefore = cpuSeconds(server.pid)
    const ownBefore = process.cpuUsage()
    const opened = await openStockClients(server.syncUrl, team.plans(clients, 1), new SocketLedger(), { batch: clients, timeoutMs: 120_000, state: values.stateful ? {} : undefined })
    console.log(`${values.server} round ${round + 1}: ${clients} clients synced after ${((performance.now() - started) / 1000).toFixed(2)} s, server CPU ${(cpuSeconds(server.pid) - cpuBefore).toFixed(2)} s, clients CPU ${(cpuTotal(process.cpuUsage(ownBefore)) / 1e6).toFixed(2)} s`)
    if (server.kind === 'ours') console.log(await refusals(server.syncUrl))
    closeStockClients(opened)
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
} finally {
  await server.stop()
  await team.remove()
}
process.exit(0)

async function refusals(syncUrl: string): Promise<string> {
  const text = await (await fetch(syncUrl.replace(/^ws/, 'http').replace(/\/sync$/, '/metrics'))).text()
  return text.split('\n').filter((line) => line.startsWith('hallway_refusals_total') || line.startsWith('hallway_closes')).join('\n')
}

function cpuTotal(usage: NodeJS.CpuUsage): number {
  return usage.user + usage.system
}
