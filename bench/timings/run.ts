// Server timings that tests assert only as behaviour (issue 10). Part of `npm run bench`; alone:
// node --import tsx bench/timings/run.ts
import { pathToFileURL } from 'node:url'
import type { Figure } from '../presence'
import { printTable } from '../report'
import { runClusterTimings } from './cluster'
import { runDrainTimings } from './drain'
import { runUnfurlTimings } from './unfurl'

export interface ServerTimings {
  unfurl: Figure[]
  cluster: Figure[]
  drain: Figure[]
}

export async function runServerTimings(): Promise<ServerTimings> {
  const unfurl = await runUnfurlTimings()
  printTable('Unfurl timings', unfurl)
  const cluster = await runClusterTimings()
  printTable('Scale-out timings (Redis + PostgreSQL)', cluster)
  const drain = await runDrainTimings()
  printTable('Drain timings', drain)
  return { unfurl, cluster, drain }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runServerTimings()
}
