// Video tiles for every remote camera and screen share of a call, attached to <video> elements.
import { For, createSignal, onCleanup, onMount } from 'solid-js'
import { RoomEvent, Track, type RemoteTrack, type Room } from 'livekit-client'

interface Tile {
  key: string
  label: string
  track: RemoteTrack
}

function videoTilesOf(livekitRoom: Room): Tile[] {
  const tiles: Tile[] = []
  for (const participant of livekitRoom.remoteParticipants.values()) {
    for (const publication of participant.videoTrackPublications.values()) {
      if (!publication.track || publication.isMuted) continue
      const screen = publication.source === Track.Source.ScreenShare
      const name = participant.name || participant.identity
      tiles.push({ key: publication.trackSid, label: screen ? `${name}’s screen` : name, track: publication.track })
    }
  }
  return tiles
}

const tileEvents = [RoomEvent.TrackSubscribed, RoomEvent.TrackUnsubscribed, RoomEvent.TrackMuted, RoomEvent.TrackUnmuted, RoomEvent.ParticipantDisconnected] as const

export function RemoteVideos(props: { livekitRoom: Room }) {
  const [tiles, setTiles] = createSignal<Tile[]>([])
  const refresh = () => setTiles(videoTilesOf(props.livekitRoom))
  onMount(() => {
    for (const event of tileEvents) props.livekitRoom.on(event, refresh)
    refresh()
  })
  onCleanup(() => {
    for (const event of tileEvents) props.livekitRoom.off(event, refresh)
  })
  return (
    <div class="call-tiles">
      <For each={tiles()}>{(tile) => <VideoTile tile={tile} />}</For>
    </div>
  )
}

function VideoTile(props: { tile: Tile }) {
  let element!: HTMLVideoElement
  onMount(() => props.tile.track.attach(element))
  onCleanup(() => props.tile.track.detach(element))
  return (
    <figure class="call-tile">
      <video ref={element} autoplay playsinline muted />
      <figcaption>{props.tile.label}</figcaption>
    </figure>
  )
}
