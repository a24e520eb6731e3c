// Turns the camera sender's outbound-rtp stats and our connection quality into a policy sample.
import type { LocalVideoTrack } from 'livekit-client'
import type { Limitation, LinkQuality, SenderSample } from './degradation-policy'

interface OutboundVideo {
  bytesSent: number
  timestamp: number
  reason: Limitation
}

const severity: Record<Exclude<Limitation, null>, number> = { none: 0, other: 1, cpu: 2, bandwidth: 3 }

function limitationOf(reason: unknown): Limitation {
  return reason === 'bandwidth' || reason === 'cpu' || reason === 'none' ? reason : 'other'
}

/** Keeps the previous reading so each sample carries the bitrate since the last one. */
export class SenderSampler {
  private previous: { bytes: number; timestamp: number } | null = null

  async sample(track: LocalVideoTrack | undefined, quality: LinkQuality, now: number): Promise<SenderSample> {
    const streams = track?.sender && !track.isMuted ? await this.outbound(track.sender) : []
    if (streams.length === 0) {
      this.previous = null
      return { at: now, quality, limitation: null, videoBitrate: null }
    }
    const bytes = streams.reduce((sum, s) => sum + s.bytesSent, 0)
    const timestamp = Math.max(...streams.map((s) => s.timestamp))
    const worst = streams.reduce<Limitation>((acc, s) => (severity[s.reason ?? 'none'] > severity[acc ?? 'none'] ? s.reason : acc), 'none')
    const elapsed = this.previous ? timestamp - this.previous.timestamp : 0
    const videoBitrate = this.previous && elapsed > 0 ? ((bytes - this.previous.bytes) * 8 * 1000) / elapsed : null
    this.previous = { bytes, timestamp }
    return { at: now, quality, limitation: worst, videoBitrate }
  }

  private async outbound(sender: RTCRtpSender): Promise<OutboundVideo[]> {
    const active = new Set(
      sender
        .getParameters()
        .encodings.filter((encoding) => encoding.active !== false)
        .map((encoding) => encoding.rid ?? ''),
    )
    const streams: OutboundVideo[] = []
    ;(await sender.getStats()).forEach((report) => {
      // Layers we (or dynacast) switched off keep reporting; they say nothing about the link.
      if (report.type !== 'outbound-rtp' || !active.has(report.rid ?? '')) return
      streams.push({ bytesSent: report.bytesSent ?? 0, timestamp: report.timestamp, reason: limitationOf(report.qualityLimitationReason) })
    })
    return streams
  }
}
