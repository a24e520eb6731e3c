// The call's videos: a screen share (or the tile clicked) on the stage, which can fill the window;
// the other cameras and screens as small tiles; my own camera and screen as a small self-view.
import { For, Show, createEffect, createMemo, createSignal, onCleanup, onMount } from 'solid-js'
import { RoomEvent, type Room } from 'livekit-client'
import { keepUnchangedTiles, stageKeyOf, videoTilesOf, type CallVideoTiles, type VideoTileInfo } from './call-videos'

// TrackUnpublished too: livekit-client fires TrackUnsubscribed while the track is still attached to
// its publication, so a stopped screen share would otherwise stay as a frozen tile.
const tileEvents = [
  RoomEvent.TrackSubscribed,
  RoomEvent.TrackUnsubscribed,
  RoomEvent.TrackUnpublished,
  RoomEvent.TrackMuted,
  RoomEvent.TrackUnmuted,
  RoomEvent.LocalTrackPublished,
  RoomEvent.LocalTrackUnpublished,
  RoomEvent.ParticipantDisconnected,
] as const

export function CallVideos(props: { livekitRoom: Room }) {
  const [tiles, setTiles] = createSignal<CallVideoTiles>({ remote: [], mine: [] })
  const [focused, setFocused] = createSignal<string | null>(null)
  const [fullWindow, setFullWindow] = createSignal(false)
  const refresh = () =>
    setTiles((previous) => {
      const next = videoTilesOf(props.livekitRoom)
      return { remote: keepUnchangedTiles(previous.remote, next.remote), mine: keepUnchangedTiles(previous.mine, next.mine) }
    })
  onMount(() => {
    for (const event of tileEvents) props.livekitRoom.on(event, refresh)
    refresh()
  })
  onCleanup(() => {
    for (const event of tileEvents) props.livekitRoom.off(event, refresh)
  })

  const staged = createMemo(() => {
    const key = stageKeyOf(tiles().remote, focused())
    return tiles().remote.find((tile) => tile.key === key)
  })
  const strip = () => tiles().remote.filter((tile) => tile !== staged())
  createEffect(() => {
    if (!staged()) setFullWindow(false)
  })
  createEffect(() => {
    if (!fullWindow()) return
    const leaveOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setFullWindow(false)
    }
    document.addEventListener('keydown', leaveOnEscape)
    onCleanup(() => document.removeEventListener('keydown', leaveOnEscape))
  })

  return (
    <div class="call-videos">
      <Show when={staged()} keyed>
        {(tile) => (
          <section class="call-stage" classList={{ 'call-stage--full': fullWindow() }} aria-label="Stage">
            <VideoTile tile={tile} />
            <button type="button" class="call-stage-toggle" onClick={() => setFullWindow((full) => !full)}>
              {fullWindow() ? 'Back' : 'Full window'}
            </button>
          </section>
        )}
      </Show>
      <div class="call-tiles">
        <For each={strip()}>{(tile) => <VideoTile tile={tile} onFocus={() => setFocused(tile.key)} />}</For>
        <For each={tiles().mine}>{(tile) => <VideoTile tile={tile} self />}</For>
      </div>
    </div>
  )
}

function VideoTile(props: { tile: VideoTileInfo; self?: boolean; onFocus?: () => void }) {
  let element!: HTMLVideoElement
  onMount(() => props.tile.track.attach(element))
  onCleanup(() => props.tile.track.detach(element))
  return (
    <figure class="call-tile" classList={{ 'call-tile--self': props.self, [`call-tile--${props.tile.kind}`]: true }}>
      <video ref={element} autoplay playsinline muted />
      <figcaption>{props.tile.label}</figcaption>
      <Show when={props.onFocus}>
        {(focus) => <button type="button" class="call-tile-focus" aria-label={`Show ${props.tile.label} on the stage`} onClick={() => focus()()} />}
      </Show>
    </figure>
  )
}
