// Applies the degradation policy to the published camera: caps simulcast layers and frame rate
// on the RTCRtpSender, pauses the camera as a last resort, and never touches the microphone.
import { Track, type LocalVideoTrack, type Room } from 'livekit-client'
import type { LinkQuality } from '../../shared/contract/call-activity'
import {
  advancePolicy,
  currentStep,
  defaultPolicyConfig,
  initialPolicyState,
  layersFor,
  type PolicyConfig,
  type PolicyState,
  type SenderSample,
  type Step,
} from './degradation-policy'
import { SenderSampler } from './sender-sample'

export const LOW_FRAME_RATE = 8
const SAMPLE_INTERVAL_MS = 1000

export interface CameraDegraderOptions {
  /** The user's own camera switch: the policy never turns on a camera the user turned off. */
  cameraWanted(): boolean
  /** A new step was applied, and/or there is a line to tell the user (null: nothing new to say). */
  onUpdate(step: Step, message: string | null): void
  /** Every sample with the step it led to, for a connection-details view (and tests). */
  onSample?(sample: SenderSample, step: Step): void
  config?: PolicyConfig
}

export interface CameraDegrader {
  step(): Step
  /** Forget the history, e.g. when the user turns the camera back on. */
  reset(): void
  close(): void
}

/**
 * Dynacast switches layers off when nobody watches them, so only layers this module switched off
 * (`capped`, by index) are switched back on when the cap rises.
 */
async function enforceCaps(sender: RTCRtpSender, step: Step, frameRates: number[], capped: Set<number>): Promise<void> {
  const params = sender.getParameters()
  // Highest simulcast layer index the step allows (q=0, h=1, f=2).
  const top = layersFor(step, params.encodings.length) - 1
  let changed = false
  params.encodings.forEach((encoding, index) => {
    if (index > top && encoding.active !== false) {
      encoding.active = false
      capped.add(index)
      changed = true
    } else if (index <= top && capped.delete(index) && encoding.active === false) {
      encoding.active = true
      changed = true
    }
    const original = frameRates[index]
    const maxFramerate = step === 'low-frame-rate' ? Math.min(LOW_FRAME_RATE, original ?? LOW_FRAME_RATE) : original
    if (maxFramerate !== undefined && encoding.maxFramerate !== maxFramerate) {
      encoding.maxFramerate = maxFramerate
      changed = true
    }
  })
  if (changed) await sender.setParameters(params)
}

export function degradeCameraUnderPressure(livekitRoom: Room, options: CameraDegraderOptions): CameraDegrader {
  const config = options.config ?? defaultPolicyConfig
  const sampler = new SenderSampler()
  let state: PolicyState | null = null
  let trackSid: string | undefined
  let frameRates: number[] = []
  const capped = new Set<number>()
  let pausedByPolicy = false
  let busy = false

  const cameraTrack = (): LocalVideoTrack | undefined =>
    livekitRoom.localParticipant.getTrackPublication(Track.Source.Camera)?.videoTrack

  const apply = async (track: LocalVideoTrack, step: Step) => {
    if (step === 'camera-off') {
      if (!track.isMuted) {
        pausedByPolicy = true
        await track.mute()
      }
      return
    }
    if (pausedByPolicy) {
      pausedByPolicy = false
      if (track.isMuted) await track.unmute()
    }
    if (track.sender) await enforceCaps(track.sender, step, frameRates, capped)
  }

  const tick = async () => {
    const track = cameraTrack()
    const wanted = options.cameraWanted()
    if (!track?.sender || !wanted || (track.isMuted && !pausedByPolicy)) {
      if (!wanted) pausedByPolicy = false
      state = null
      return
    }
    const now = performance.now()
    if (track.sid !== trackSid) {
      trackSid = track.sid
      capped.clear()
      frameRates = track.sender.getParameters().encodings.map((encoding) => encoding.maxFramerate ?? 30)
      state = null
    }
    if (!state) {
      state = initialPolicyState(frameRates.length, now, config)
    }
    const quality = livekitRoom.localParticipant.connectionQuality as LinkQuality
    const sample = await sampler.sample(track, quality, now)
    const result = advancePolicy(state, sample, config)
    state = result.state
    options.onSample?.(sample, currentStep(state))
    await apply(track, currentStep(state))
    if (result.change || result.message) options.onUpdate(currentStep(state), result.message)
  }

  const timer = setInterval(() => {
    if (busy) return
    busy = true
    tick()
      .catch(() => {
        // A sender torn down mid-tick (leave, republish); the next tick starts over.
        state = null
      })
      .finally(() => {
        busy = false
      })
  }, SAMPLE_INTERVAL_MS)

  return {
    step: () => (state ? currentStep(state) : 'full'),
    reset: () => {
      state = null
    },
    close: () => clearInterval(timer),
  }
}
