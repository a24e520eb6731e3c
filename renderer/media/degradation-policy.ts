// The publish policy of docs/architecture.md ("Media"), as a pure function of sender samples:
// step the camera down (layers, then frame rate, then off) under pressure, never touch audio,
// probe back up with hysteresis, and say in one line what changed.
import type { LinkQuality } from '../../shared/contract/call-activity'

export type Step = 'full' | 'reduced-layers' | 'lowest-layer' | 'low-frame-rate' | 'camera-off'

/** The worst `qualityLimitationReason` over the camera's outbound-rtp streams; null: none sent. */
export type Limitation = 'none' | 'bandwidth' | 'cpu' | 'other' | null

export interface SenderSample {
  /** Milliseconds, monotonic. */
  at: number
  /** The local participant's ConnectionQuality, as the SFU scores our uplink. */
  quality: LinkQuality
  limitation: Limitation
  /** Camera bits per second actually sent since the previous sample; null when unknown. */
  videoBitrate: number | null
  /** Simulcast layers switched on at the sender (by us and by dynacast; 0: dynacast paused them
   * all), and how many of them sent bytes since the previous sample; null: no camera is sent. */
  activeLayers: number | null
  sendingLayers: number | null
  /** The browser's estimate of what the uplink carries (availableOutgoingBitrate); null: unknown. */
  availableBitrate: number | null
}

export interface PolicyConfig {
  /** Consecutive bad samples before one step down. */
  downAfterSamples: number
  /** Samples are not judged this long after the camera starts: the bandwidth estimate ramps up. */
  warmupMs: number
  /** After a step down, samples are not judged for this long: the change needs time to show. */
  settleMs: number
  /** Calm needed before a probe (one step up)... */
  upHoldMs: number
  /** ...doubled, up to this, after each failed probe. */
  maxUpHoldMs: number
  /** A probe fails when the layers of its step are not all sending by then... */
  probeWindowMs: number
  /** ...counted again from each rise of the bandwidth estimate by this factor over its best. */
  probeRiseFactor: number
  /** An estimate this far above its lowest since the last change is reason to probe without the hold. */
  earlyProbeFactor: number
  /** A step up that lasts this long is confirmed: told to the user, and the hold is back to short. */
  confirmUpMs: number
  /** Below this camera bitrate while bandwidth-limited, one sample is enough to step down. */
  starvedVideoBps: number
}

// The browser only fills a re-enabled layer when its bandwidth estimate allows, so a failed probe
// costs little (receivers stay on the layer that flows), while every second spent below a link
// that recovered is blurry video, and the SFU adds ~2 s of its own before forwarding a layer that
// came back (scripts/livekit/livekit-process.ts): probe often.
export const defaultPolicyConfig: PolicyConfig = {
  downAfterSamples: 2,
  warmupMs: 6000,
  settleMs: 2000,
  upHoldMs: 2000,
  maxUpHoldMs: 3000,
  probeWindowMs: 2500,
  probeRiseFactor: 1.05,
  earlyProbeFactor: 1.2,
  confirmUpMs: 8000,
  starvedVideoBps: 30_000,
}

export interface PolicyState {
  ladder: readonly Step[]
  layerCount: number
  index: number
  /** The step the user was last told about; probes above it stay quiet until confirmed. */
  announced: number
  badStreak: number
  goodSince: number | null
  /** Samples before this time are not judged (warm-up, settling after a change). */
  quietUntil: number
  /** Set while the last step up has not shown all its layers sending yet: since, or last rise. */
  probeSince: number | null
  /** Best bandwidth estimate seen during the probe. */
  probeBest: number | null
  /** Lowest bandwidth estimate since the last change. */
  floorEstimate: number | null
  lastUpAt: number | null
  upHoldMs: number
}

export interface StepChange {
  from: Step
  to: Step
}

export interface PolicyOutput {
  state: PolicyState
  /** What the sender must apply now; null when it stays. */
  change: StepChange | null
  /** One line for the user when what they should know changed; failed probes say nothing. */
  message: string | null
}

/** Simulcast layer count decides which layer steps exist: with one layer there is nothing to drop. */
export function ladderFor(layerCount: number): readonly Step[] {
  if (layerCount >= 3) return ['full', 'reduced-layers', 'lowest-layer', 'low-frame-rate', 'camera-off']
  if (layerCount === 2) return ['full', 'lowest-layer', 'low-frame-rate', 'camera-off']
  return ['full', 'low-frame-rate', 'camera-off']
}

/** Layers a step sends: the glue caps simulcast layers to exactly this. */
export function layersFor(step: Step, layerCount: number): number {
  if (step === 'full') return layerCount
  if (step === 'reduced-layers') return Math.max(1, layerCount - 1)
  if (step === 'camera-off') return 0
  return 1
}

export function initialPolicyState(layerCount: number, now: number, config: PolicyConfig = defaultPolicyConfig): PolicyState {
  return {
    ladder: ladderFor(layerCount),
    layerCount,
    index: 0,
    announced: 0,
    badStreak: 0,
    goodSince: null,
    quietUntil: now + config.warmupMs,
    probeSince: null,
    probeBest: null,
    floorEstimate: null,
    lastUpAt: null,
    upHoldMs: config.upHoldMs,
  }
}

export function currentStep(state: PolicyState): Step {
  return state.ladder[state.index]!
}

export const downMessages: Record<Step, string> = {
  full: '',
  'reduced-layers': 'Your connection is struggling: sending your video at lower resolution.',
  'lowest-layer': 'Your connection is weak: sending your video at its lowest resolution.',
  'low-frame-rate': 'Your connection is weak: your video is now choppy to keep your voice clear.',
  'camera-off': 'Your connection is too weak for video: your camera is paused, your voice stays on.',
}

export const upMessages: Record<Step, string> = {
  full: 'Your connection recovered: your video is back to full quality.',
  'reduced-layers': 'Your connection is improving: your video quality is going back up.',
  'lowest-layer': 'Your connection is improving: your video is smooth again at low resolution.',
  'low-frame-rate': 'Your connection is improving: your camera is back on at a low frame rate.',
  'camera-off': '',
}

type Pressure = 'starved' | 'bad' | 'good' | 'neutral'

function pressureOf(sample: SenderSample, config: PolicyConfig): Pressure {
  const limited = sample.limitation === 'bandwidth' || sample.limitation === 'cpu'
  if (sample.quality === 'lost') return 'starved'
  if (sample.limitation === 'bandwidth' && sample.videoBitrate !== null && sample.videoBitrate < config.starvedVideoBps) return 'starved'
  if (sample.quality === 'poor' || limited) return 'bad'
  if ((sample.quality === 'excellent' || sample.quality === 'good') && (sample.limitation === 'none' || sample.limitation === null)) {
    return 'good'
  }
  return 'neutral'
}

const still = (state: PolicyState): PolicyOutput => ({ state, change: null, message: null })

function stepDown(state: PolicyState, at: number, probeFailed: boolean, config: PolicyConfig): PolicyOutput {
  const index = state.index + 1
  const next: PolicyState = {
    ...state,
    index,
    announced: Math.max(state.announced, index),
    badStreak: 0,
    // After a failed probe the step below is known to hold: the next hold starts now.
    goodSince: probeFailed ? at : null,
    quietUntil: at + config.settleMs,
    probeSince: null,
    probeBest: null,
    floorEstimate: null,
    lastUpAt: null,
    upHoldMs: probeFailed ? Math.min(state.upHoldMs * 2, config.maxUpHoldMs) : state.upHoldMs,
  }
  const to = currentStep(next)
  return { state: next, change: { from: currentStep(state), to }, message: index > state.announced ? downMessages[to] : null }
}

function stepUp(state: PolicyState, at: number): PolicyOutput {
  const next: PolicyState = {
    ...state,
    index: state.index - 1,
    badStreak: 0,
    goodSince: null,
    probeSince: at,
    probeBest: null,
    floorEstimate: null,
    lastUpAt: at,
  }
  return { state: next, change: { from: currentStep(state), to: currentStep(next) }, message: null }
}

/**
 * A probe holds once its layers send. Until then the browser may still be raising its estimate
 * (slowly, after losses): each clear rise buys another window; a flat estimate means a real limit.
 */
function judgeProbe(state: PolicyState, sample: SenderSample, config: PolicyConfig): PolicyOutput {
  // Dynacast may keep a layer off that nobody watches: then it is not ours to wait for.
  const expected = Math.min(layersFor(currentStep(state), state.layerCount), sample.activeLayers ?? Number.POSITIVE_INFINITY)
  if (sample.sendingLayers !== null && sample.sendingLayers >= expected) {
    return still({ ...state, probeSince: null, probeBest: null, badStreak: 0, goodSince: null })
  }
  if (sample.quality === 'poor' || pressureOf(sample, config) === 'starved') return stepDown(state, sample.at, true, config)
  const estimate = sample.availableBitrate
  if (estimate !== null && (state.probeBest === null || estimate >= state.probeBest * config.probeRiseFactor)) {
    const rose = state.probeBest !== null
    return still({ ...state, probeBest: estimate, probeSince: rose ? sample.at : state.probeSince })
  }
  if (sample.at - state.probeSince! >= config.probeWindowMs) return stepDown(state, sample.at, true, config)
  return still(state)
}

function judge(state: PolicyState, sample: SenderSample, config: PolicyConfig): PolicyOutput {
  if (state.probeSince !== null) return judgeProbe(state, sample, config)
  if (sample.at < state.quietUntil) return still(state)
  // Dynacast paused every layer (nobody watches): nothing is sent, so nothing can be judged.
  if (sample.activeLayers === 0) return still({ ...state, badStreak: 0, goodSince: null })
  const pressure = pressureOf(sample, config)

  if (pressure === 'starved' || pressure === 'bad') {
    const badStreak = state.badStreak + 1
    const due = pressure === 'starved' || badStreak >= config.downAfterSamples
    if (!due || state.index === state.ladder.length - 1) return still({ ...state, badStreak, goodSince: null })
    // Pressure soon after a probe took means the probe failed after all.
    return stepDown(state, sample.at, state.lastUpAt !== null, config)
  }
  if (pressure === 'neutral') return still({ ...state, badStreak: 0, goodSince: null })

  const goodSince = state.goodSince ?? sample.at
  const estimate = sample.availableBitrate
  const floorEstimate = estimate === null ? state.floorEstimate : Math.min(estimate, state.floorEstimate ?? estimate)
  const calm: PolicyState = { ...state, badStreak: 0, goodSince, floorEstimate }
  // A climbing estimate says capacity is coming back: probe now rather than after the hold.
  const climbing = estimate !== null && floorEstimate !== null && estimate >= floorEstimate * config.earlyProbeFactor
  if (state.index === 0 || (sample.at - goodSince < state.upHoldMs && !climbing)) return still(calm)
  return stepUp(calm, sample.at)
}

/** Feeds one sample (about one a second); returns the next state, what to apply and what to say. */
export function advancePolicy(state: PolicyState, sample: SenderSample, config: PolicyConfig = defaultPolicyConfig): PolicyOutput {
  let current = state
  let confirmation: string | null = null
  if (state.lastUpAt !== null && state.probeSince === null && sample.at - state.lastUpAt >= config.confirmUpMs) {
    confirmation = state.index < state.announced ? upMessages[currentStep(state)] : null
    current = { ...state, announced: state.index, lastUpAt: null, upHoldMs: config.upHoldMs }
  }
  const output = judge(current, sample, config)
  return { ...output, message: output.message ?? confirmation }
}
