// Turns the camera sender's outbound-rtp stats and our connection quality into a policy sample.
import type { LocalVideoTrack } from 'livekit-client'
import type { LinkQuality } from '../../shared/contract/call-activity'
import type { Limitation, SenderSample } from './degradation-policy'

interface SenderStats {
  layers: OutboundLayer[]
  availableBitrate: number | null
}

interface OutboundLayer {
  rid: string
  bytesSent: number
  timestamp: number
  reason: Limitation
}

const severity: Record<Exclude<Limitation, null>, number> = { none: 0, other: 1, cpu: 2, bandwidth: 3 }

function limitationOf(reason: unknown): Limitation {
  return reason === 'bandwidth' || reason === 'cpu' || reason === 'none' ? reason : 'other'
}

/** Keeps the previous reading so each sample carries what was sent since the last one. */
export class SenderSampler {
  private previous = new Map<string, OutboundLayer>()

  async sample(track: LocalVideoTrack | undefined, quality: LinkQuality, now: number): Promise<SenderSample> {
    const stats = track?.sender && !track.isMuted ? await this.read(track.sender) : null
    const layers = stats?.layers ?? []
    const availableBitrate = stats?.availableBitrate ?? null
    const previous = this.previous
    this.previous = new Map(layers.map((layer) => [layer.rid, layer]))
    if (layers.length === 0) {
      // A published camera with every layer paused by dynacast sends nothing and is not off.
      const paused = stats ? 0 : null
      return { at: now, quality, limitation: null, videoBitrate: null, activeLayers: paused, sendingLayers: paused, availableBitrate }
    }

    let bits = 0
    let elapsed = 0
    let sendingLayers = 0
    for (const layer of layers) {
      const before = previous.get(layer.rid)
      if (!before) continue
      const sent = layer.bytesSent - before.bytesSent
      bits += sent * 8
      elapsed = Math.max(elapsed, layer.timestamp - before.timestamp)
      if (sent > 0) sendingLayers++
    }
    const known = previous.size > 0 && elapsed > 0
    const worst = layers.reduce<Limitation>((acc, layer) => (severity[layer.reason ?? 'none'] > severity[acc ?? 'none'] ? layer.reason : acc), 'none')
    return {
      at: now,
      quality,
      limitation: worst,
      videoBitrate: known ? (bits * 1000) / elapsed : null,
      activeLayers: layers.length,
      sendingLayers: known ? sendingLayers : null,
      availableBitrate,
    }
  }

  private async read(sender: RTCRtpSender): Promise<SenderStats> {
    const active = new Set(
      sender
        .getParameters()
        .encodings.filter((encoding) => encoding.active !== false)
        .map((encoding) => encoding.rid ?? ''),
    )
    const layers: OutboundLayer[] = []
    const stats = await sender.getStats()
    let availableBitrate: number | null = null
    stats.forEach((report) => {
      if (report.type === 'transport' && report.selectedCandidatePairId) {
        availableBitrate = stats.get(report.selectedCandidatePairId)?.availableOutgoingBitrate ?? null
      }
      // Layers we (or dynacast) switched off keep reporting; they say nothing about the link.
      if (report.type !== 'outbound-rtp' || !active.has(report.rid ?? '')) return
      layers.push({ rid: report.rid ?? '', bytesSent: report.bytesSent ?? 0, timestamp: report.timestamp, reason: limitationOf(report.qualityLimitationReason) })
    })
    return { layers, availableBitrate }
  }
}
