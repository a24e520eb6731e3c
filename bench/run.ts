// `npm run bench [section …]`: runs every benchmark (or only the named sections), prints tables, and
// writes bench/results/latest.json (a partial run writes bench/results/<sections>.json instead).
import { mkdir, writeFile } from 'node:fs/promises'
import { runCapacityBench } from './capacity/run'
import { runClusterBytesBench } from './cluster-bytes'
import { runRestartBench } from './capacity/restart-bench'
import { runCrowdBench } from './crowd'
import { runEntryAuthBench } from './entry-auth'
import { runDiscussionScrollBench } from './discussion-scroll'
import { runFanoutBench } from './fanout/run'
import { heapVerdict, mediaFigures, runMediaBench } from './media/call-bench'
import { runOfficeBench } from './office'
import { runOfficePaintBench } from './office-paint'
import { runPersonSearchBench } from './person-search'
import { runPresenceBench } from './presence'
import { runPresenceBytesBench } from './presence-bytes'
import { runReadMarkersBench } from './read-markers/run'
import { printTable } from './report'
import { runServerTimings } from './timings/run'
import { runRulesBench } from './rules'
import { runServerIdleBench } from './server-idle'
import { runServerMemoryBench } from './server-memory'

type Section = { name: string; about: string; run: () => Promise<unknown> }

const sections: Section[] = [
  {
    name: 'presence',
    about: 'Presence model (issue 4)',
    run: async () => {
      const presence = await runPresenceBench()
      printTable('Presence model (issue 4)', presence)
      return presence
    },
  },
  {
    name: 'presence-bytes',
    about: 'Presence bytes per recipient on the wire: standard awareness against presence deltas (issue 14)',
    run: async () => {
      const bytes = await runPresenceBytesBench()
      printTable('Presence bytes on the wire (issue 14)', bytes)
      return bytes
    },
  },
  {
    name: 'clusterBytes',
    about: 'Presence bytes between scale-out nodes on Redis: whole states against deltas (issue 14)',
    run: async () => {
      const bytes = await runClusterBytesBench()
      printTable('Presence bytes between nodes (issue 14)', bytes)
      return bytes
    },
  },
  {
    name: 'clusterEntryAuth',
    about: 'Authenticating scale-out entries on Redis: the tag a node adds and the check a reader makes, per entry',
    run: async () => {
      const auth = runEntryAuthBench()
      printTable('Fan-out entry tags (scale-out)', auth)
      return auth
    },
  },
  {
    name: 'readMarkers',
    about: 'Read markers and room summaries at 1,000 members: wire bytes, team document size, server memory, load time (issue 12)',
    run: async () => {
      const reads = await runReadMarkersBench()
      printTable('Read markers and summaries (issue 12)', reads)
      return reads
    },
  },
  {
    name: 'rules',
    about: "The server's write-rules check per update, beside applying it (issue 10)",
    run: async () => {
      const rules = runRulesBench()
      printTable('Write rules (issue 10)', rules)
      return rules
    },
  },
  {
    name: 'personSearch',
    about: 'Find a person over a 1,000-member team (issue 12)',
    run: async () => {
      const personSearch = runPersonSearchBench()
      printTable('Find a person (issue 12)', personSearch)
      return personSearch
    },
  },
  {
    name: 'fanout',
    about: 'Presence fan-out over real sockets, ours against @y/websocket-server (issue 3)',
    run: () => runFanoutBench(),
  },
  {
    name: 'serverMemory',
    about: 'Sync server RSS idle, per idle connection and per member under the company load: the production build against @y/websocket-server (issue 14)',
    run: async () => {
      const memory = await runServerMemoryBench()
      printTable('Server memory (issue 14)', memory)
      return memory
    },
  },
  {
    name: 'serverIdle',
    about: 'Sync server RSS idle and with its first member connected (what idle defers to the first connection), the production build against @y/websocket-server, 5 interleaved rounds (issue 14)',
    run: async () => {
      const idle = await runServerIdleBench()
      printTable('Server idle memory (issue 14)', idle)
      return idle
    },
  },
  {
    name: 'capacity',
    about: 'Members per node: ours, @y/websocket-server and y-sweet against a bare relay, light clients, pinned cores (issue 14)',
    run: () => runCapacityBench(),
  },
  {
    name: 'restart',
    about: 'After a deploy: 1,000 members back and synced on a restarted node, ours against @y/websocket-server and y-sweet, medians of 3 rounds (issue 14)',
    run: () => runRestartBench(),
  },
  {
    name: 'crowd',
    about: 'The crowd tool bringing 300 members of a seeded 1,000-member team online (issue 12)',
    run: async () => {
      const crowd = await runCrowdBench()
      printTable('Crowd (issue 12)', crowd)
      return crowd
    },
  },
  {
    name: 'discussionScroll',
    about: 'A 10,000-message discussion in Chromium: open, DOM nodes, frames while scrolling to the first (issue 12)',
    run: async () => {
      const scroll = await runDiscussionScrollBench()
      printTable('Discussion of 10,000 messages (issue 12)', scroll)
      return scroll
    },
  },
  {
    name: 'office',
    about: 'The web office in Chromium watching 300 of a seeded 1,000-member team, shipped faces against inline SVG: paint and its stages, DOM, change → DOM, long tasks, heap (issue 12)',
    run: async () => {
      const office = await runOfficeBench()
      printTable('Office (issue 12)', office)
      return office
    },
  },
  {
    name: 'officePaint',
    about: "The office's reload paint alone, several reloads, and where one traced reload's main-thread time goes (issue 12)",
    run: async () => {
      const paint = await runOfficePaintBench()
      printTable('Office reload paint (issue 12)', paint)
      return paint
    },
  },
  {
    name: 'timings',
    about: 'Unfurl, scale-out and drain timings the tests assert only as behaviour (issue 10)',
    run: () => runServerTimings(),
  },
  {
    name: 'media',
    about: 'Calls through the real LiveKit SFU in its own network namespace (issue 5; root and the SFU)',
    run: async () => {
      const media = await runMediaBench()
      printTable('Calls (issue 5)', mediaFigures(media))
      console.log(heapVerdict(media))
      return media
    },
  },
]

const asked = process.argv.slice(2)
const unknown = asked.filter((name) => !sections.some((section) => section.name === name))
if (unknown.length > 0) {
  console.error(`bench: no section named ${unknown.join(', ')}. Sections:`)
  for (const section of sections) console.error(`  ${section.name.padEnd(14)} ${section.about}`)
  process.exit(2)
}

const results: Record<string, unknown> = { at: new Date().toISOString(), node: process.version }
for (const section of sections) {
  if (asked.length > 0 && !asked.includes(section.name)) continue
  results[section.name] = await section.run()
}

const fileName = asked.length > 0 ? `${asked.join('+')}.json` : 'latest.json'
await mkdir(new URL('./results/', import.meta.url), { recursive: true })
await writeFile(new URL(`./results/${fileName}`, import.meta.url), JSON.stringify(results, null, 2))
console.log(`\nwrote bench/results/${fileName}`)
