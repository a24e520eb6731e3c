// The publish policy of ARCHITECTURE.md ("Media"), as a pure function of sender samples:
// step the camera down (layers, then frame rate, then off) under pressure, never touch audio,
// step back up with hysteresis, and say in one line what changed.

export type Step = 'full' | 'reduced-layers' | 'lowest-layer' | 'low-frame-rate' | 'camera-off'

/** LiveKit's ConnectionQuality of the local participant, as the SFU scores our uplink. */
export type LinkQuality = 'excellent' | 'good' | 'poor' | 'lost' | 'unknown'

/** The worst `qualityLimitationReason` over the camera's outbound-rtp streams; null: none sent. */
export type Limitation = 'none' | 'bandwidth' | 'cpu' | 'other' | null

export interface SenderSample {
  /** Milliseconds, monotonic. */
  at: number
  quality: LinkQuality
  limitation: Limitation
  /** Camera bits per second actually sent since the previous sample; null when unknown. */
  videoBitrate: number | null
}

export interface PolicyConfig {
  /** Consecutive bad samples before one step down. */
  downAfterSamples: number
  /** After any change, samples are not judged for this long: the change needs time to show. */
  settleMs: number
  /** Good samples must last this long before one step up... */
  upHoldMs: number
  /** ...doubled, up to this, each time a step up is followed by a step down within failedUpWindowMs. */
  maxUpHoldMs: number
  failedUpWindowMs: number
  /** Below this camera bitrate while bandwidth-limited, one sample is enough to step down. */
  starvedVideoBps: number
}

export const defaultPolicyConfig: PolicyConfig = {
  downAfterSamples: 2,
  settleMs: 2000,
  upHoldMs: 3000,
  maxUpHoldMs: 6000,
  failedUpWindowMs: 10_000,
  starvedVideoBps: 30_000,
}

export interface PolicyState {
  ladder: readonly Step[]
  index: number
  badStreak: number
  goodSince: number | null
  changedAt: number
  lastUpAt: number | null
  upHoldMs: number
}

export interface StepChange {
  from: Step
  to: Step
  message: string
}

/** Simulcast layer count decides which layer steps exist: with one layer there is nothing to drop. */
export function ladderFor(layerCount: number): readonly Step[] {
  if (layerCount >= 3) return ['full', 'reduced-layers', 'lowest-layer', 'low-frame-rate', 'camera-off']
  if (layerCount === 2) return ['full', 'lowest-layer', 'low-frame-rate', 'camera-off']
  return ['full', 'low-frame-rate', 'camera-off']
}

export function initialPolicyState(layerCount: number, now: number, config: PolicyConfig = defaultPolicyConfig): PolicyState {
  return { ladder: ladderFor(layerCount), index: 0, badStreak: 0, goodSince: null, changedAt: now, lastUpAt: null, upHoldMs: config.upHoldMs }
}

export function currentStep(state: PolicyState): Step {
  return state.ladder[state.index]!
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

const downMessages: Record<Step, string> = {
  full: '',
  'reduced-layers': 'Your connection is struggling: sending your video at lower resolution.',
  'lowest-layer': 'Your connection is weak: sending your video at its lowest resolution.',
  'low-frame-rate': 'Your connection is weak: your video is now choppy to keep your voice clear.',
  'camera-off': 'Your connection is too weak for video: your camera is paused, your voice stays on.',
}

const upMessages: Record<Step, string> = {
  full: 'Your connection recovered: your video is back to full quality.',
  'reduced-layers': 'Your connection is improving: your video quality is going back up.',
  'lowest-layer': 'Your connection is improving: your video is smooth again at low resolution.',
  'low-frame-rate': 'Your connection is improving: your camera is back on at a low frame rate.',
  'camera-off': '',
}

function moveTo(state: PolicyState, index: number, now: number, up: boolean): { state: PolicyState; change: StepChange } {
  const from = currentStep(state)
  const to = state.ladder[index]!
  const next: PolicyState = { ...state, index, badStreak: 0, goodSince: null, changedAt: now, lastUpAt: up ? now : state.lastUpAt }
  return { state: next, change: { from, to, message: up ? upMessages[to] : downMessages[to] } }
}

/** Feeds one sample (about one a second); returns the next state and the change, if any. */
export function advancePolicy(
  state: PolicyState,
  sample: SenderSample,
  config: PolicyConfig = defaultPolicyConfig,
): { state: PolicyState; change: StepChange | null } {
  if (sample.at - state.changedAt < config.settleMs) return { state, change: null }
  const pressure = pressureOf(sample, config)
  const lastIndex = state.ladder.length - 1

  if (pressure === 'starved' || pressure === 'bad') {
    const badStreak = state.badStreak + 1
    const due = pressure === 'starved' || badStreak >= config.downAfterSamples
    if (!due || state.index === lastIndex) return { state: { ...state, badStreak, goodSince: null }, change: null }
    const upFailed = state.lastUpAt !== null && sample.at - state.lastUpAt < config.failedUpWindowMs
    const upHoldMs = upFailed ? Math.min(state.upHoldMs * 2, config.maxUpHoldMs) : state.upHoldMs
    return moveTo({ ...state, upHoldMs }, state.index + 1, sample.at, false)
  }

  if (pressure === 'neutral') return { state: { ...state, badStreak: 0, goodSince: null }, change: null }

  const goodSince = state.goodSince ?? sample.at
  const calm = { ...state, badStreak: 0, goodSince }
  // A long calm stretch forgives earlier failed attempts to step up.
  if (sample.at - goodSince >= config.maxUpHoldMs * 4) calm.upHoldMs = config.upHoldMs
  if (state.index === 0 || sample.at - goodSince < calm.upHoldMs) return { state: calm, change: null }
  return moveTo(calm, state.index - 1, sample.at, true)
}
