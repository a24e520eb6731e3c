// `npm run bench`: runs every benchmark, prints tables, writes bench/results/latest.json.
import { mkdir, writeFile } from 'node:fs/promises'
import { runCrowdBench } from './crowd'
import { runFanoutBench } from './fanout/run'
import { heapVerdict, mediaFigures, runMediaBench } from './media/call-bench'
import { runPersonSearchBench } from './person-search'
import { runPresenceBench } from './presence'
import { printTable } from './report'
import { runServerTimings } from './timings/run'
import { runRulesBench } from './rules'

const results: Record<string, unknown> = { at: new Date().toISOString(), node: process.version }
const presence = await runPresenceBench()
printTable('Presence model (issue 4)', presence)
results.presence = presence

// The server's write-rules check per update, beside applying it (issue 10); fan-out below runs with the rules on.
const rules = runRulesBench()
printTable('Write rules (issue 10)', rules)
results.rules = rules

// Find a person over a 1,000-member team (issue 12).
const personSearch = runPersonSearchBench()
printTable('Find a person (issue 12)', personSearch)
results.personSearch = personSearch

// Presence fan-out over real sockets, ours against @y/websocket-server (issue 3); prints its own tables.
results.fanout = await runFanoutBench()

// The crowd tool bringing 300 members of a seeded 1,000-member team online (issue 12).
const crowd = await runCrowdBench()
printTable('Crowd (issue 12)', crowd)
results.crowd = crowd

// Unfurl, scale-out and drain timings the tests assert only as behaviour (issue 10); prints its own tables.
results.timings = await runServerTimings()

// Calls through the real LiveKit SFU in its own network namespace (issue 5): needs root and the SFU.
const media = await runMediaBench()
printTable('Calls (issue 5)', mediaFigures(media))
console.log(heapVerdict(media))
results.media = media

await mkdir(new URL('./results/', import.meta.url), { recursive: true })
await writeFile(new URL('./results/latest.json', import.meta.url), JSON.stringify(results, null, 2))
console.log('\nwrote bench/results/latest.json')
