import { describe, expect, it } from 'vitest'
import { firstFrameOf } from './office-first-frame'
import type { TraceEvent } from './office-paint-trace'

const compositor = { pid: 1, tid: 8 }
const rasterThread = { pid: 1, tid: 9 }
const otherPage = { pid: 2, tid: 3 }
const span = (name: string, fromMs: number, durMs: number, where = compositor, cpuMs?: number): TraceEvent => ({ name, ph: 'X', ts: fromMs * 1000, dur: durMs * 1000, ...(cpuMs === undefined ? {} : { tdur: cpuMs * 1000 }), ...where })
const toPresentation = (ph: 'b' | 'e', atMs: number, id: string, where = compositor): TraceEvent => ({ name: 'SubmitCompositorFrameToPresentationCompositorFrame', ph, ts: atMs * 1000, id2: { local: id }, ...where })
const navigation: TraceEvent = { name: 'navigationStart', ph: 'R', ts: 1000_000, pid: 1, tid: 7, args: { data: { isLoadingMainFrame: true, documentLoaderURL: 'http://x/' } } }

describe('firstFrameOf', () => {
  it("finds the frame presented at the first contentful paint, its activation and commit, and sums that renderer's raster and decode tasks between those two (wall and CPU)", () => {
    const events = [
      navigation,
      span('LayerTreeHostImpl::CommitComplete', 1020, 1), // an earlier, blank frame, presented at 40 ms
      span('LayerTreeHostImpl::ActivateSyncTree', 1022, 1),
      toPresentation('b', 1025, '0x1'),
      toPresentation('e', 1040, '0x1'),
      span('RasterTask', 1023, 2, rasterThread, 1), // before the frame's commit: not counted
      span('LayerTreeHostImpl::CommitComplete', 1100, 1), // the first contentful frame
      span('ImageDecodeTask', 1105, 6, rasterThread, 2),
      span('RasterTask', 1112, 10, rasterThread, 4),
      span('RasterTask', 1130, 20, rasterThread, 3),
      span('RasterTask', 1130, 20, otherPage, 3), // another renderer
      span('LayerTreeHostImpl::ActivateSyncTree', 1160, 1),
      span('LayerTreeHostImpl::CommitComplete', 1162, 1), // the next frame, held until that activation
      toPresentation('b', 1165, '0x2'),
      span('RasterTask', 1170, 5, rasterThread, 5), // after the activation: not counted
      span('LayerTreeHostImpl::ActivateSyncTree', 1175, 1), // after it was drawn
      toPresentation('b', 1178, '0x3'),
      toPresentation('e', 1181, '0x2'),
      toPresentation('e', 1195, '0x3'),
    ]
    expect(firstFrameOf(events, 180)).toEqual({
      commitMs: 100,
      activatedMs: 160,
      presentedMs: 180,
      raster: { count: 2, wallMs: 30, cpuMs: 7 },
      decodes: { count: 1, wallMs: 6, cpuMs: 2 },
    })
  })

  it('is null when no frame was presented near the paint, or the trace lacks its activation or commit', () => {
    const presented = [toPresentation('b', 1165, '0x2'), toPresentation('e', 1181, '0x2')]
    const commit = span('LayerTreeHostImpl::CommitComplete', 1100, 1)
    const activation = span('LayerTreeHostImpl::ActivateSyncTree', 1160, 1)
    expect(firstFrameOf([navigation, commit, activation, ...presented], 180)).not.toBeNull()
    expect(firstFrameOf([navigation, commit, activation, ...presented], 240)).toBeNull()
    expect(firstFrameOf([navigation, commit, ...presented], 180)).toBeNull()
    expect(firstFrameOf([navigation, activation, ...presented], 180)).toBeNull()
    expect(firstFrameOf([commit, activation, ...presented], 180)).toBeNull()
  })
})
