// Which videos a call shows and where: everyone else's cameras and screens as tiles, one of them
// on the stage (the one clicked, else a screen share: a screen is unreadable as a small tile),
// and my own camera and screen as a small self-view.
import { Track, type Participant, type Room, type VideoTrack } from 'livekit-client'

export interface VideoTileInfo {
  key: string
  label: string
  kind: 'camera' | 'screen'
  track: VideoTrack
}

export interface CallVideoTiles {
  remote: VideoTileInfo[]
  mine: VideoTileInfo[]
}

function tilesOf(participant: Participant, mine: boolean): VideoTileInfo[] {
  const tiles: VideoTileInfo[] = []
  const name = participant.name || participant.identity
  for (const publication of participant.videoTrackPublications.values()) {
    const track = publication.videoTrack
    if (!track || publication.isMuted) continue
    const kind = publication.source === Track.Source.ScreenShare ? 'screen' : 'camera'
    const label = mine ? (kind === 'screen' ? 'Your screen' : 'Your camera') : kind === 'screen' ? `${name}’s screen` : name
    tiles.push({ key: publication.trackSid, label, kind, track })
  }
  return tiles
}

export function videoTilesOf(livekitRoom: Room): CallVideoTiles {
  return {
    remote: [...livekitRoom.remoteParticipants.values()].flatMap((participant) => tilesOf(participant, false)),
    mine: tilesOf(livekitRoom.localParticipant, true),
  }
}

/** The tile on the stage: the one the viewer focused while it lasts, else the first screen share. */
export function stageKeyOf(remote: readonly Pick<VideoTileInfo, 'key' | 'kind'>[], focused: string | null): string | null {
  if (focused !== null && remote.some((tile) => tile.key === focused)) return focused
  return remote.find((tile) => tile.kind === 'screen')?.key ?? null
}

/** The next tiles, reusing each unchanged tile object so its <video> is not detached and attached again. */
export function keepUnchangedTiles<T extends { key: string; label: string; track: unknown }>(previous: readonly T[], next: readonly T[]): T[] {
  const before = new Map(previous.map((tile) => [tile.key, tile]))
  return next.map((tile) => {
    const old = before.get(tile.key)
    return old && old.track === tile.track && old.label === tile.label ? old : tile
  })
}
