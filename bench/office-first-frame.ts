// The office's first frame on its way from the main thread to the screen, read from a trace with the
// cc category: its commit to the compositor, the activation that waits for its tiles' raster, and the
// raster and image-decode tasks in between (wall and thread time: where wall runs far past CPU, the
// raster worker waited for a core). Used by bench/office-paint-raster.ts.
import type { TraceEvent } from './office-paint-trace'

export interface TaskTotals {
  count: number
  wallMs: number
  cpuMs: number
}

export interface FirstFrame {
  /** After navigation: the first face's frame committed, its tiles rastered and activated, the frame presented. */
  commitMs: number
  activatedMs: number
  presentedMs: number
  raster: TaskTotals
  decodes: TaskTotals
}

const spans = (events: readonly TraceEvent[], pid: number, name: string) =>
  events.filter((event) => event.pid === pid && event.ph === 'X' && event.name === name).sort((a, b) => a.ts - b.ts)

function totals(list: readonly TraceEvent[]): TaskTotals {
  const sum = (read: (event: TraceEvent) => number) => list.reduce((total, event) => total + read(event), 0) / 1000
  return { count: list.length, wallMs: sum((event) => event.dur ?? 0), cpuMs: sum((event) => event.tdur ?? event.dur ?? 0) }
}

/** How far the page's first contentful paint (coarsened) may sit from the trace's presentation of that frame. */
const PRESENTATION_SLACK_MS = 5

/**
 * `presentedMs`: the page's first contentful paint. The frame is the one whose compositor frame was
 * presented then (SubmitCompositorFrameToPresentationCompositorFrame ending nearest it); its tiles are
 * those of the last activation before it was drawn, and its commit the last before that activation.
 * Null when the trace lacks any of them.
 */
export function firstFrameOf(events: readonly TraceEvent[], presentedMs: number): FirstFrame | null {
  const navigation = events.filter((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame && e.args.data.documentLoaderURL).at(-1)
  if (!navigation) return null
  const after = (e: TraceEvent) => (e.ts - navigation.ts) / 1000
  const submitted = events.filter((e) => e.pid === navigation.pid && e.name === 'SubmitCompositorFrameToPresentationCompositorFrame' && e.id2?.local !== undefined)
  const presented = submitted
    .filter((e) => e.ph === 'e' && Math.abs(after(e) - presentedMs) <= PRESENTATION_SLACK_MS)
    .sort((a, b) => Math.abs(after(a) - presentedMs) - Math.abs(after(b) - presentedMs))[0]
  const drawn = presented && submitted.filter((e) => e.ph === 'b' && e.id2!.local === presented.id2!.local && e.ts <= presented.ts).at(-1)
  const activation = drawn && spans(events, navigation.pid, 'LayerTreeHostImpl::ActivateSyncTree').filter((e) => e.ts > navigation.ts && e.ts <= drawn.ts).at(-1)
  const commit = activation && spans(events, navigation.pid, 'LayerTreeHostImpl::CommitComplete').filter((e) => e.ts > navigation.ts && e.ts < activation.ts).at(-1)
  if (!commit || !activation) return null
  const between = (name: string) => spans(events, navigation.pid, name).filter((e) => e.ts >= commit.ts && e.ts < activation.ts)
  return {
    commitMs: after(commit),
    activatedMs: after(activation),
    presentedMs,
    raster: totals(between('RasterTask')),
    decodes: totals(between('ImageDecodeTask')),
  }
}
