// Plays every subscribed remote audio track and unlocks playback on the next gesture
// (docs/architecture.md, "Known pitfalls": browsers block audio until a user gesture).
import { RoomEvent, Track, type RemoteTrack, type Room } from 'livekit-client'

/** Returns the teardown, which also removes every audio element it added. */
export function playRemoteAudio(livekitRoom: Room, container: HTMLElement): () => void {
  // Our own record of elements: LiveKit may detach a track itself first (on disconnect), and
  // then track.detach() no longer names the elements still sitting in the page.
  const playing = new Map<RemoteTrack, HTMLMediaElement>()
  const attach = (track: RemoteTrack) => {
    if (track.kind !== Track.Kind.Audio || playing.has(track)) return
    const element = track.attach()
    playing.set(track, element)
    container.append(element)
  }
  const detach = (track: RemoteTrack) => {
    const element = playing.get(track)
    if (!element) return
    playing.delete(track)
    track.detach(element)
    element.remove()
  }
  livekitRoom.on(RoomEvent.TrackSubscribed, attach).on(RoomEvent.TrackUnsubscribed, detach)
  for (const participant of livekitRoom.remoteParticipants.values()) {
    for (const publication of participant.audioTrackPublications.values()) {
      if (publication.track) attach(publication.track)
    }
  }
  return () => {
    livekitRoom.off(RoomEvent.TrackSubscribed, attach).off(RoomEvent.TrackUnsubscribed, detach)
    for (const track of [...playing.keys()]) detach(track)
  }
}

/** Calls room.startAudio() on the first click or key press after playback was blocked. */
export function unlockAudioOnGesture(livekitRoom: Room, target: EventTarget): () => void {
  let armed = false
  const unlock = () => {
    disarm()
    void livekitRoom.startAudio()
  }
  const disarm = () => {
    if (!armed) return
    armed = false
    target.removeEventListener('pointerdown', unlock)
    target.removeEventListener('keydown', unlock)
  }
  const onStatus = () => {
    if (livekitRoom.canPlaybackAudio) return disarm()
    if (armed) return
    armed = true
    target.addEventListener('pointerdown', unlock)
    target.addEventListener('keydown', unlock)
  }
  livekitRoom.on(RoomEvent.AudioPlaybackStatusChanged, onStatus)
  onStatus()
  return () => {
    livekitRoom.off(RoomEvent.AudioPlaybackStatusChanged, onStatus)
    disarm()
  }
}
