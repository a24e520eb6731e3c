// Preloaded into a built server by a test: writes V8's heap spaces (name → committed bytes) and the
// process's thread count to the file $REPORT_HEAP_TO every 100 ms, so the test can read what an
// idle server runs with.
import { readFileSync, writeFileSync } from 'node:fs'
import { getHeapSpaceStatistics } from 'node:v8'

const report = () => {
  const spaces = Object.fromEntries(getHeapSpaceStatistics().map((space) => [space.space_name, space.space_size]))
  const threads = Number(/^Threads:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1])
  writeFileSync(process.env.REPORT_HEAP_TO, JSON.stringify({ spaces, threads }))
}
setInterval(report, 100).unref()
