// A bare page around joinCall() for end-to-end tests and benchmarks: joins with ?url=&token= and
// exposes controls, real stats and first-media timings on `window.hallwayMedia`.
import { RoomEvent, Track, VideoPresets, setLogLevel, type RemoteTrack, type RemoteTrackPublication } from 'livekit-client'
import { joinCall, type Call } from '../../../renderer/media/call'
import type { CallSnapshot } from '../../../renderer/media/call-snapshot'
import type { SenderSample, Step } from '../../../renderer/media/degradation-policy'
import { AudioGapMonitor, readInbound, readOutbound, type LocalOutbound, type RemoteInbound } from '../../../renderer/media/webrtc-stats'

export interface MediaTimings {
  /** performance.now() clock, milliseconds. */
  clickAt: number | null
  firstAudioPacketAt: number | null
  firstVideoFrameAt: number | null
}

export interface HallwayMediaProbe {
  join(): Promise<void>
  leave(): Promise<void>
  call(): Call | null
  snapshot(): CallSnapshot | null
  inbound(): Promise<RemoteInbound[]>
  outbound(): Promise<LocalOutbound | null>
  /** Starts (or restarts) timing the gaps in one remote member's received audio. */
  watchAudio(identity: string): void
  longestAudioGapMs(identity: string): number
  /** Every camera step the publish policy took, with the line shown to the user. */
  steps: Array<{ at: number; step: Step; notice: string | null }>
  /** The policy's last samples (one a second), newest last. */
  samples: Array<SenderSample & { step: Step }>
  connections: Array<{ at: number; connection: string }>
  timings: MediaTimings
}

declare global {
  interface Window {
    hallwayMedia: HallwayMediaProbe
  }
}

const params = new URLSearchParams(location.search)
// Playwright keeps the page's console arguments alive; LiveKit's info logs would read as a leak.
setLogLevel(params.get('log') === 'info' ? 'info' : 'warn')
const resolutions = { 180: VideoPresets.h180, 360: VideoPresets.h360, 720: VideoPresets.h720 } as const
const height = Number(params.get('res') ?? 720) as keyof typeof resolutions
const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T
const tiles = element<HTMLDivElement>('tiles')
const joinButton = element<HTMLButtonElement>('join')
const leaveButton = element<HTMLButtonElement>('leave')

let call: Call | null = null
let stopTimers: () => void = () => {}
const monitors = new Map<string, AudioGapMonitor>()

const probe: HallwayMediaProbe = {
  join,
  leave,
  call: () => call,
  snapshot: () => call?.snapshot() ?? null,
  inbound: async () => (call ? readInbound(call.livekitRoom) : []),
  outbound: async () => (call ? readOutbound(call.livekitRoom) : null),
  watchAudio(identity) {
    if (!call) return
    monitors.get(identity)?.close()
    monitors.set(identity, new AudioGapMonitor(call.livekitRoom, identity))
  },
  longestAudioGapMs: (identity) => monitors.get(identity)?.longestGapMs() ?? Number.POSITIVE_INFINITY,
  steps: [],
  samples: [],
  connections: [],
  timings: { clickAt: null, firstAudioPacketAt: null, firstVideoFrameAt: null },
}
window.hallwayMedia = probe

// Our own record: LiveKit may detach a track itself before TrackUnsubscribed, and a stale tile
// would push live ones out of view (adaptive stream then pauses them).
const tileOf = new Map<RemoteTrack, HTMLVideoElement>()

function showVideo(track: RemoteTrack, publication: RemoteTrackPublication): void {
  if (track.kind !== Track.Kind.Video || tileOf.has(track)) return
  const video = track.attach() as HTMLVideoElement
  video.dataset.source = publication.source
  tileOf.set(track, video)
  tiles.append(video)
  if (probe.timings.firstVideoFrameAt === null) {
    video.requestVideoFrameCallback(() => {
      probe.timings.firstVideoFrameAt ??= performance.now()
    })
  }
}

function hideVideo(track: RemoteTrack): void {
  const video = tileOf.get(track)
  if (!video) return
  tileOf.delete(track)
  track.detach(video)
  video.remove()
}

/** Polls receivers until the first remote audio packet lands (cheap: no getStats). */
function watchFirstAudioPacket(current: Call): () => void {
  const timer = setInterval(() => {
    for (const participant of current.livekitRoom.remoteParticipants.values()) {
      const receiver = participant.getTrackPublication(Track.Source.Microphone)?.track?.receiver
      if (receiver && receiver.getSynchronizationSources().length > 0) {
        probe.timings.firstAudioPacketAt = performance.now()
        clearInterval(timer)
        return
      }
    }
  }, 2)
  return () => clearInterval(timer)
}

async function join(): Promise<void> {
  if (call) return
  const url = params.get('url')
  const token = params.get('token')
  if (!url || !token) throw new Error('open this page with ?url=ws://…&token=…')
  probe.timings = { clickAt: probe.timings.clickAt ?? performance.now(), firstAudioPacketAt: null, firstVideoFrameAt: null }
  joinButton.disabled = true
  const joined = await joinCall({
    url,
    token,
    mic: params.get('mic') !== '0',
    camera: params.get('camera') !== '0',
    cameraResolution: (resolutions[height] ?? VideoPresets.h720).resolution,
    audioContainer: element('audio'),
    onSenderSample: (sample, step) => {
      probe.samples.push({ ...sample, step })
      if (probe.samples.length > 120) probe.samples.shift()
    },
  })
  call = joined
  joined.livekitRoom.on(RoomEvent.TrackSubscribed, showVideo).on(RoomEvent.TrackUnsubscribed, hideVideo)
  for (const participant of joined.livekitRoom.remoteParticipants.values()) {
    for (const publication of participant.videoTrackPublications.values()) {
      if (publication.track) showVideo(publication.track, publication)
    }
  }
  stopTimers = watchFirstAudioPacket(joined)
  const render = (snapshot: CallSnapshot) => {
    element('status').textContent = snapshot.connection
    element('notice').textContent = snapshot.notice ?? ''
    if (probe.connections.at(-1)?.connection !== snapshot.connection) {
      probe.connections.push({ at: performance.now(), connection: snapshot.connection })
    }
    if ((probe.steps.at(-1)?.step ?? 'full') !== snapshot.cameraStep) {
      probe.steps.push({ at: performance.now(), step: snapshot.cameraStep, notice: snapshot.notice })
    }
  }
  joined.onChange(render)
  render(joined.snapshot())
  leaveButton.disabled = false
}

async function leave(): Promise<void> {
  if (!call) return
  const leaving = call
  call = null
  stopTimers()
  for (const monitor of monitors.values()) monitor.close()
  monitors.clear()
  stopTimers = () => {}
  await leaving.leave()
  leaving.livekitRoom.off(RoomEvent.TrackSubscribed, showVideo).off(RoomEvent.TrackUnsubscribed, hideVideo)
  for (const track of [...tileOf.keys()]) hideVideo(track)
  probe.timings.clickAt = null
  element('status').textContent = 'left'
  joinButton.disabled = false
  leaveButton.disabled = true
}

joinButton.addEventListener('click', (event) => {
  probe.timings.clickAt = event.timeStamp
  void join()
})
leaveButton.addEventListener('click', () => void leave())
if (params.get('autojoin') !== '0') void join()
