// Where a reload's main-thread time goes before the office's first face, from a Chromium trace
// (devtools.timeline): each event's self CPU time (thread time, so a busy machine's descheduling does not
// count as work), nested work counted once, under its innermost kind.

/** The fields of a Chrome trace event this reads (https://docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAySU). */
export interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  /** Thread (CPU) time, µs. */
  tdur?: number
  pid: number
  tid: number
  args?: { name?: string; data?: { isLoadingMainFrame?: boolean; documentLoaderURL?: string } }
  /** An async event's id (ph 'b' / 'e'), where the trace scopes it to its process. */
  id2?: { local?: string }
}

export interface PaintBreakdown {
  paintMs: number
  /** Main-thread self CPU time by kind, largest first. */
  kinds: { kind: string; ms: number }[]
  /** Of the time from navigation to the paint, wall time in which the main thread ran no task (waiting on network, other threads, or the CPU). */
  idleMs: number
}

/** Trace event names and the kind of work they are (collector events: isGarbageCollection); anything else inside a task is "other task work". */
const KINDS: Record<string, string> = {
  ParseHTML: 'HTML parse',
  ParseAuthorStyleSheet: 'CSS parse',
  'v8.compile': 'script compile',
  'v8.compileModule': 'script compile',
  'v8.produceModuleCache': 'script compile',
  CompileScript: 'script compile',
  'V8.CompileLazy': 'script compile',
  EvaluateScript: 'script run',
  'v8.evaluateModule': 'script run',
  FunctionCall: 'script run',
  EventDispatch: 'script run',
  TimerFire: 'script run',
  FireAnimationFrame: 'script run',
  RunMicrotasks: 'script run',
  'V8.Execute': 'script run',
  UpdateLayoutTree: 'style',
  RecalculateStyles: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  UpdateLayer: 'paint',
  Commit: 'paint',
  'Decode Image': 'image decode',
  'Decode LazyPixelRef': 'image decode',
}
/** A task's top-level event: RunTask in older Chromium, ThreadControllerImpl::RunTask in the one the bench runs. */
export const TASKS: ReadonlySet<string> = new Set(['RunTask', 'ThreadControllerImpl::RunTask'])
const OTHER = 'other task work'
const GC = 'garbage collection'

/** The renderer main thread that loaded the traced navigation, and when (µs). */
function navigationOf(events: readonly TraceEvent[]): { pid: number; tid: number; ts: number } {
  const starts = events.filter((event) => event.name === 'navigationStart' && event.args?.data?.isLoadingMainFrame && event.args.data.documentLoaderURL)
  const last = starts.at(-1)
  if (!last) throw new Error('The trace holds no main-frame navigationStart: was the loading category recorded?')
  return { pid: last.pid, tid: last.tid, ts: last.ts }
}

/** The main thread's self CPU time by kind from navigation to `paintMs` after it (an event cut by either end counts in proportion). */
export function breakdownOf(events: readonly TraceEvent[], paintMs: number): PaintBreakdown {
  const navigation = navigationOf(events)
  const { kinds, busyUs } = selfCpuByKind(events, navigation, navigation.ts, navigation.ts + paintMs * 1000)
  return { paintMs, kinds, idleMs: paintMs - busyUs / 1000 }
}

/** A trace thread: its process and thread ids. */
export interface TraceThread {
  pid: number
  tid: number
}

/** The kind of work a traced event is, if one this counts (tasks are "other task work"). */
function kindOf(name: string): string | undefined {
  if (TASKS.has(name)) return OTHER
  return KINDS[name] ?? (isGarbageCollection(name) ? GC : undefined)
}

/** V8's and Blink's collector events: the whole pauses (MinorGC, MajorGC) and their phases (V8.GC_…, CppGC.…, BlinkGC.…). */
export function isGarbageCollection(name: string): boolean {
  return name === 'MinorGC' || name === 'MajorGC' || /^(V8\.GC|CppGC\.|BlinkGC\.)/.test(name)
}

/**
 * One thread's self CPU time by kind between `from` and `to` (µs), nested work counted once under its
 * innermost kind (an event cut by either end counts in proportion), and the wall time its outermost events covered.
 */
export function selfCpuByKind(events: readonly TraceEvent[], thread: TraceThread, from: number, to: number): { kinds: { kind: string; ms: number }[]; busyUs: number } {
  const spans = events
    .filter((event) => event.ph === 'X' && event.pid === thread.pid && event.tid === thread.tid && event.dur !== undefined && kindOf(event.name) !== undefined)
    .map((event) => {
      const start = Math.max(event.ts, from)
      const end = Math.min(event.ts + event.dur!, to)
      const cpu = (event.tdur ?? event.dur!) * (event.dur! > 0 ? Math.max(0, end - start) / event.dur! : 0)
      return { kind: kindOf(event.name)!, from: start, to: end, cpu }
    })
    .filter((span) => span.to > span.from)
    .sort((a, b) => a.from - b.from || b.to - a.to)
  const self = new Map<string, number>()
  let busyUs = 0
  // Each span's self time is its own less its children's: an open stack of enclosing spans.
  const stack: ((typeof spans)[number] & { children: number })[] = []
  const close = (span: (typeof stack)[number]) => {
    self.set(span.kind, (self.get(span.kind) ?? 0) + Math.max(0, span.cpu - span.children))
    const parent = stack.at(-1)
    if (parent) parent.children += span.cpu
    else busyUs += span.to - span.from
  }
  for (const span of spans) {
    while (stack.length > 0 && stack.at(-1)!.to <= span.from) close(stack.pop()!)
    stack.push({ ...span, children: 0 })
  }
  while (stack.length > 0) close(stack.pop()!)
  const kinds = [...self].map(([kind, us]) => ({ kind, ms: us / 1000 })).filter(({ ms }) => ms >= 0.05).sort((a, b) => b.ms - a.ms)
  return { kinds, busyUs }
}

/**
 * The main thread's longest task that began `fromMs` or later after navigation (the first face): its wall
 * time and its thread time, which a busy machine's descheduling does not stretch. A long task observer
 * sees only those over 50 ms; this sees the switch to the live view however short it got.
 */
export function longestTaskAfter(events: readonly TraceEvent[], fromMs: number): { wallMs: number; cpuMs: number } {
  const navigation = navigationOf(events)
  const from = navigation.ts + fromMs * 1000
  let longest = { wallMs: 0, cpuMs: 0 }
  for (const event of events) {
    if (!TASKS.has(event.name) || event.ph !== 'X' || event.pid !== navigation.pid || event.tid !== navigation.tid || event.ts < from) continue
    const cpuMs = (event.tdur ?? event.dur ?? 0) / 1000
    if (cpuMs > longest.cpuMs) longest = { wallMs: (event.dur ?? 0) / 1000, cpuMs }
  }
  return longest
}
