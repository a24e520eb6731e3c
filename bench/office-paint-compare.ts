// Two builds of the web client compared on the office's reload paint (issue 12): each reload traced,
// the two taking turns (each first every other round), reporting the first face's and the presented frame's wall time and the
// main thread's CPU before it by kind. On the shared machine the wall time moves by ±30 ms with the
// load; the CPU (thread time) holds still enough to show a few milliseconds' change.
// node --import tsx bench/office-paint-compare.ts <other web root, e.g. another branch's out/web> [reloads] [this web root, default out/web]
// (Give both roots as copies when editing sources while it waits for the bench lock: out/web is rebuilt when they change.)
import { loadavg } from 'node:os'
import { openWatcher, park, tracedReload, unpark } from './office-paint'
import { startPaintRig } from './office-paint-rig'

const other = process.argv[2]
const reloads = Number(process.argv[3] ?? 9)
const own = process.argv[4]
if (!other) throw new Error('Name the web root to compare this one (out/web) with: node --import tsx bench/office-paint-compare.ts <root> [reloads]')
const { browser, webs, query, close } = await startPaintRig('cpu-ab', [own, other])
try {
  const variants = [await openWatcher(browser, own ?? 'this out/web', webs[0]!, query), await openWatcher(browser, other, webs[1]!, query)]
  const loadAtStart = loadavg()[0]!
  const rows = new Map<string, { paint: number[]; presented: number[]; longest: number[]; afterFaceCpu: number[]; afterFaceWall: number[]; script: number[]; compile: number[]; gc: number[]; cpu: number[] }>()
  for (let i = 0; i < reloads; i++) {
    for (const variant of i % 2 === 0 ? variants : [...variants].reverse()) {
      await unpark(variant)
      const b = await tracedReload(variant.page)
      await park(variant)
      const row = rows.get(variant.name) ?? { paint: [], presented: [], longest: [], afterFaceCpu: [], afterFaceWall: [], script: [], compile: [], gc: [], cpu: [] }
      const kind = (name: string) => b.kinds.find((k) => k.kind === name)?.ms ?? 0
      row.paint.push(b.paintMs)
      row.presented.push(b.presentedMs)
      row.longest.push(b.longestUntilLiveMs)
      row.afterFaceCpu.push(b.longestAfterFace.cpuMs)
      row.afterFaceWall.push(b.longestAfterFace.wallMs)
      row.script.push(kind('script run'))
      row.compile.push(kind('script compile'))
      row.gc.push(kind('garbage collection'))
      row.cpu.push(b.kinds.reduce((sum, k) => sum + k.ms, 0))
      rows.set(variant.name, row)
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!.toFixed(1)
  console.log(`medians of ${reloads} traced reloads, ms after navigation / ms of main-thread CPU before the first face (load average ${loadAtStart.toFixed(2)} → ${loadavg()[0]!.toFixed(2)})`)
  for (const [name, row] of rows) {
    console.log(`${name}: first face ${median(row.paint)}, presented (first contentful paint) ${median(row.presented)}; CPU: script run ${median(row.script)}, compile ${median(row.compile)}, GC ${median(row.gc)}, all ${median(row.cpu)} (script run each: ${row.script.map((v) => v.toFixed(0)).join(' ')}; presented each: ${row.presented.map((v) => v.toFixed(0)).join(' ')}; presented after the first face, median ${median(row.presented.map((v, i) => v - row.paint[i]!))}; longest task from the first face until live, median ${median(row.longest)}, each: ${row.longest.map((v) => v.toFixed(0)).join(' ')}; longest task after the first face (traced) median CPU ${median(row.afterFaceCpu)}, wall ${median(row.afterFaceWall)}, CPU each: ${row.afterFaceCpu.map((v) => v.toFixed(0)).join(' ')})`)
  }
} finally {
  await close()
}
