// Real WebRTC stats of the test page's call, as plain data for Playwright and the benchmark.
import { Track, type LocalTrackPublication, type RemoteTrack, type Room } from 'livekit-client'

export interface InboundStream {
  subscribed: boolean
  muted: boolean
  bytesReceived: number
  packetsReceived: number
  frameHeight: number | null
  framesDecoded: number | null
}

export interface RemoteInbound {
  identity: string
  audio: InboundStream | null
  camera: InboundStream | null
  screen: InboundStream | null
}

export interface OutboundLayer {
  rid: string
  active: boolean
  bytesSent: number
  frameHeight: number | null
  framesPerSecond: number | null
  qualityLimitationReason: string | null
}

export interface LocalOutbound {
  audioBytesSent: number
  camera: OutboundLayer[]
}

async function inboundOf(track: RemoteTrack | undefined, muted: boolean): Promise<InboundStream | null> {
  if (!track) return null
  const stream: InboundStream = { subscribed: true, muted, bytesReceived: 0, packetsReceived: 0, frameHeight: null, framesDecoded: null }
  const report = await track.receiver?.getStats()
  report?.forEach((entry) => {
    if (entry.type !== 'inbound-rtp') return
    stream.bytesReceived += entry.bytesReceived ?? 0
    stream.packetsReceived += entry.packetsReceived ?? 0
    stream.frameHeight = entry.frameHeight ?? stream.frameHeight
    stream.framesDecoded = entry.framesDecoded ?? stream.framesDecoded
  })
  return stream
}

export async function readInbound(livekitRoom: Room): Promise<RemoteInbound[]> {
  return Promise.all(
    [...livekitRoom.remoteParticipants.values()].map(async (participant) => {
      const stream = (source: Track.Source) => {
        const publication = participant.getTrackPublication(source)
        return inboundOf(publication?.track, publication?.isMuted ?? false)
      }
      return {
        identity: participant.identity,
        audio: await stream(Track.Source.Microphone),
        camera: await stream(Track.Source.Camera),
        screen: await stream(Track.Source.ScreenShare),
      }
    }),
  )
}

async function layersOf(publication: LocalTrackPublication | undefined): Promise<OutboundLayer[]> {
  const sender = publication?.track?.sender
  if (!sender) return []
  const active = new Map(sender.getParameters().encodings.map((encoding) => [encoding.rid ?? '', encoding.active !== false]))
  const layers: OutboundLayer[] = []
  ;(await sender.getStats()).forEach((entry) => {
    if (entry.type !== 'outbound-rtp') return
    const rid: string = entry.rid ?? ''
    layers.push({
      rid,
      active: active.get(rid) ?? true,
      bytesSent: entry.bytesSent ?? 0,
      frameHeight: entry.frameHeight ?? null,
      framesPerSecond: entry.framesPerSecond ?? null,
      qualityLimitationReason: entry.qualityLimitationReason ?? null,
    })
  })
  return layers.sort((a, b) => a.rid.localeCompare(b.rid))
}

export async function readOutbound(livekitRoom: Room): Promise<LocalOutbound> {
  const local = livekitRoom.localParticipant
  const audio = await layersOf(local.getTrackPublication(Track.Source.Microphone))
  return {
    audioBytesSent: audio.reduce((sum, layer) => sum + layer.bytesSent, 0),
    camera: await layersOf(local.getTrackPublication(Track.Source.Camera)),
  }
}

/** Received audio bytes of one remote member, sampled often enough to see a one-second gap. */
export class AudioGapMonitor {
  private lastBytes = -1
  private lastGrowthAt = 0
  private longestGap = 0
  private readonly timer: ReturnType<typeof setInterval>

  constructor(
    private readonly livekitRoom: Room,
    private readonly identity: string,
    intervalMs = 50,
  ) {
    this.timer = setInterval(() => void this.poll(), intervalMs)
  }

  private async poll(): Promise<void> {
    const track = this.livekitRoom.remoteParticipants.get(this.identity)?.getTrackPublication(Track.Source.Microphone)?.track
    const stream = await inboundOf(track, false)
    const now = performance.now()
    if (!stream) return
    if (stream.bytesReceived > this.lastBytes) {
      if (this.lastBytes >= 0) this.longestGap = Math.max(this.longestGap, now - this.lastGrowthAt)
      this.lastBytes = stream.bytesReceived
      this.lastGrowthAt = now
    }
  }

  /** Longest stretch without new audio bytes so far, including the one still open. */
  longestGapMs(): number {
    if (this.lastBytes < 0) return Number.POSITIVE_INFINITY
    return Math.max(this.longestGap, performance.now() - this.lastGrowthAt)
  }

  close(): void {
    clearInterval(this.timer)
  }
}
