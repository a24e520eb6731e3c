import { describe, expect, it } from 'vitest'
import {
  advancePolicy,
  currentStep,
  defaultPolicyConfig as config,
  downMessages,
  initialPolicyState,
  ladderFor,
  layersFor,
  upMessages,
  type PolicyState,
  type SenderSample,
  type Step,
} from './degradation-policy'

/**
 * A sender on a link that carries `capacity` simulcast layers (0: not even the camera), the way
 * the browser behaves: layers that fit send; beyond that the encoder reports 'bandwidth' and the
 * extra layer never starts.
 */
function link(capacity: number, estimate: (at: number) => number = () => 100_000 + 150_000 * capacity) {
  return (state: PolicyState, at: number): SenderSample => {
    const wanted = layersFor(currentStep(state), state.layerCount)
    const availableBitrate = estimate(at)
    if (wanted === 0) {
      const quality = capacity > 0 ? 'excellent' : 'poor'
      return { at, quality, limitation: null, videoBitrate: null, activeLayers: null, sendingLayers: null, availableBitrate }
    }
    if (wanted <= capacity) {
      return { at, quality: 'excellent', limitation: 'none', videoBitrate: 150_000 * wanted, activeLayers: wanted, sendingLayers: wanted, availableBitrate }
    }
    const sendingLayers = Math.min(capacity, wanted)
    return { at, quality: 'good', limitation: 'bandwidth', videoBitrate: 100_000, activeLayers: wanted, sendingLayers, availableBitrate }
  }
}

/** One sample a second from `from` to `to` (ms); the final state, the steps taken and the lines said. */
function run(state: PolicyState, from: number, to: number, sample: (state: PolicyState, at: number) => SenderSample) {
  const steps: Array<{ at: number; step: Step }> = []
  const messages: Array<{ at: number; message: string }> = []
  for (let at = from; at <= to; at += 1000) {
    const output = advancePolicy(state, sample(state, at), config)
    state = output.state
    if (output.change) steps.push({ at, step: output.change.to })
    if (output.message) messages.push({ at, message: output.message })
  }
  return { state, steps, messages }
}

/** A policy whose warm-up ended at time 0. */
const fresh = (layers: number) => initialPolicyState(layers, -config.warmupMs, config)

const squeezed = (_state: PolicyState, at: number): SenderSample => ({
  at,
  quality: 'good',
  limitation: 'bandwidth',
  videoBitrate: 150_000,
  activeLayers: 1,
  sendingLayers: 1,
  availableBitrate: 250_000,
})

describe('ladder', () => {
  it('offers layer steps only for the layers there are, and always ends with the camera off', () => {
    expect(ladderFor(3)).toEqual(['full', 'reduced-layers', 'lowest-layer', 'low-frame-rate', 'camera-off'])
    expect(ladderFor(2)).toEqual(['full', 'lowest-layer', 'low-frame-rate', 'camera-off'])
    expect(ladderFor(1)).toEqual(['full', 'low-frame-rate', 'camera-off'])
    expect(ladderFor(3).map((step) => layersFor(step, 3))).toEqual([3, 2, 1, 1, 0])
  })
})

describe('stepping down', () => {
  it('stays at full quality while the link carries everything', () => {
    const result = run(fresh(3), 0, 60_000, link(3))
    expect(currentStep(result.state)).toBe('full')
    expect(result.steps).toEqual([])
    expect(result.messages).toEqual([])
  })

  it('does not judge the first seconds of a camera, while the bandwidth estimate ramps up', () => {
    const result = run(initialPolicyState(3, 0, config), 1000, config.warmupMs - 1000, squeezed)
    expect(result.steps).toEqual([])
    expect(run(result.state, config.warmupMs, config.warmupMs + 1000, squeezed).steps).toHaveLength(1)
  })

  it('holds still while dynacast has paused every layer', () => {
    const paused = (_s: PolicyState, at: number): SenderSample => ({
      at,
      quality: 'poor',
      limitation: null,
      videoBitrate: null,
      activeLayers: 0,
      sendingLayers: 0,
      availableBitrate: 100_000,
    })
    expect(run(fresh(3), 1000, 30_000, paused).steps).toEqual([])
  })

  it('steps down one step after two bad samples, and says so', () => {
    const result = run(fresh(3), 2000, 3000, squeezed)
    expect(result.steps).toEqual([{ at: 3000, step: 'reduced-layers' }])
    expect(result.messages).toEqual([{ at: 3000, message: downMessages['reduced-layers'] }])
  })

  it('ignores a single bad sample between good ones', () => {
    const good = link(3)
    let state = fresh(3)
    for (const [at, bad] of [[2000, false], [3000, true], [4000, false], [5000, true], [6000, false]] as const) {
      state = advancePolicy(state, bad ? squeezed(state, at) : good(state, at), config).state
    }
    expect(currentStep(state)).toBe('full')
  })

  it('lets a step settle before judging again', () => {
    const result = run(fresh(3), 2000, 4500, squeezed)
    expect(result.steps.map((s) => s.step)).toEqual(['reduced-layers'])
  })

  it('walks down layers, then frame rate, then the camera, and no further; audio is never a step', () => {
    const result = run(fresh(3), 2000, 60_000, squeezed)
    expect(result.steps.map((s) => s.step)).toEqual(['reduced-layers', 'lowest-layer', 'low-frame-rate', 'camera-off'])
    expect(result.messages.map((m) => m.message)).toEqual(ladderFor(3).slice(1).map((step) => downMessages[step]))
    expect(result.messages.at(-1)?.message).toMatch(/camera is paused, your voice stays on/)
  })

  it('steps down at once when the link is lost or the camera is starved of bitrate', () => {
    const base = { at: 2000, activeLayers: 1, sendingLayers: 1, availableBitrate: null }
    const lost = advancePolicy(fresh(2), { ...base, quality: 'lost', limitation: null, videoBitrate: null }, config)
    expect(lost.change?.to).toBe('lowest-layer')
    const starved = advancePolicy(fresh(2), { ...base, quality: 'good', limitation: 'bandwidth', videoBitrate: 10_000 }, config)
    expect(starved.change?.to).toBe('lowest-layer')
  })

  it('counts a CPU-limited encoder and a poor link as pressure, an unexplained limit as neither', () => {
    const with_ = (quality: SenderSample['quality'], limitation: SenderSample['limitation']) => () =>
      run(fresh(2), 2000, 30_000, (_s, at) => ({ at, quality, limitation, videoBitrate: 300_000, activeLayers: 2, sendingLayers: 2, availableBitrate: null }))
        .steps[0]?.step
    expect(with_('excellent', 'cpu')()).toBe('lowest-layer')
    expect(with_('poor', 'none')()).toBe('lowest-layer')
    expect(with_('unknown', 'other')()).toBeUndefined()
  })
})

describe('probing back up', () => {
  const downToLowest = () => run(fresh(2), 2000, 3000, squeezed).state

  it('probes one step up after a calm hold, quietly, and announces it once it held', () => {
    const result = run(downToLowest(), 4000, 30_000, link(2))
    // Down at 3000; judged again from 5000 (settle), calm for the hold.
    const probeAt = 3000 + config.settleMs + config.upHoldMs
    expect(result.steps).toEqual([{ at: probeAt, step: 'full' }])
    expect(result.messages).toEqual([{ at: probeAt + config.confirmUpMs, message: upMessages.full }])
  })

  it('takes a probe back, silently, when its layer does not start, and keeps probing with a longer hold', () => {
    const result = run(downToLowest(), 4000, 120_000, link(1))
    const probes = result.steps.filter((s) => s.step === 'full').map((s) => s.at)
    const reverts = result.steps.filter((s) => s.step === 'lowest-layer').map((s) => s.at)
    expect(result.messages).toEqual([])
    expect(currentStep(result.state)).not.toBe('low-frame-rate')
    expect(reverts[0]! - probes[0]!).toBeLessThanOrEqual(config.probeWindowMs + 1000)
    expect(probes[1]! - reverts[0]!).toBe(Math.min(2 * config.upHoldMs, config.maxUpHoldMs))
    // Still probing regularly: a lifted cap is found within one probe cycle.
    const cycles = probes.slice(1).map((at, i) => at - probes[i]!)
    expect(Math.max(...cycles)).toBeLessThanOrEqual(config.probeWindowMs + 1000 + config.maxUpHoldMs)
  })

  it('finds a lifted cap within one probe cycle', () => {
    const capped = run(downToLowest(), 4000, 40_000, link(1)).state
    const lifted = run(capped, 41_000, 60_000, link(2))
    const recoveredAt = lifted.steps.find((s) => s.step === 'full')!.at
    expect(recoveredAt - 41_000).toBeLessThanOrEqual(config.probeWindowMs + 1000 + config.maxUpHoldMs)
    expect(currentStep(lifted.state)).toBe('full')
  })

  it('keeps a probe going while the bandwidth estimate climbs, until its layer starts', () => {
    const capped = run(downToLowest(), 4000, 40_000, link(1)).state
    // After the cap lifts the estimate climbs ~30 kbit/s each second; the top layer needs 8 s of it.
    const climbing = (at: number) => 250_000 + 30_000 * Math.max(0, (at - 41_000) / 1000)
    const lifted = run(capped, 41_000, 70_000, (state, at) => (at < 49_000 ? link(1, climbing) : link(2, climbing))(state, at))
    const probesAfterLift = lifted.steps.filter((s) => s.at >= 41_000)
    expect(probesAfterLift).toHaveLength(1)
    expect(probesAfterLift[0]!.step).toBe('full')
    expect(currentStep(lifted.state)).toBe('full')
  })

  it('probes without waiting out the hold once the estimate climbs clearly', () => {
    const state = { ...downToLowest(), upHoldMs: config.maxUpHoldMs }
    const jump = (at: number) => (at < 7000 ? 250_000 : 250_000 * config.earlyProbeFactor)
    const result = run(state, 5000, 8000, link(1, jump))
    expect(result.steps).toEqual([{ at: 7000, step: 'full' }])
  })

  it('counts a probe as done when the layers it re-enabled send, even if dynacast keeps one off', () => {
    const probing = run(downToLowest(), 4000, 7000, link(1)).state
    expect(probing.probeSince).not.toBeNull()
    const dynacastOff: SenderSample = { at: 8000, quality: 'excellent', limitation: 'none', videoBitrate: 150_000, activeLayers: 1, sendingLayers: 1, availableBitrate: 300_000 }
    const output = advancePolicy(probing, dynacastOff, config)
    expect(output.change).toBeNull()
    expect(output.state.probeSince).toBeNull()
  })

  it('takes back a probe that started sending but then met pressure before it was confirmed', () => {
    let state = run(downToLowest(), 4000, 7000, link(2)).state
    expect(currentStep(state)).toBe('full')
    state = run(state, 8000, 12_000, squeezed).state
    expect(currentStep(state)).toBe('lowest-layer')
    expect(state.upHoldMs).toBe(config.maxUpHoldMs)
  })

  it('brings a paused camera back to full quality one step at a time, then says so once', () => {
    const down = run(fresh(3), 2000, 60_000, link(0)).state
    expect(currentStep(down)).toBe('camera-off')
    const result = run(down, 61_000, 120_000, link(3))
    expect(result.steps.map((s) => s.step)).toEqual(['low-frame-rate', 'lowest-layer', 'reduced-layers', 'full'])
    expect(result.messages.map((m) => m.message)).toContain(upMessages.full)
  })

  it('forgets earlier failed probes once a step up is confirmed', () => {
    const state = { ...downToLowest(), upHoldMs: config.maxUpHoldMs }
    const result = run(state, 4000, 40_000, link(2))
    expect(currentStep(result.state)).toBe('full')
    expect(result.state.upHoldMs).toBe(config.upHoldMs)
  })
})
