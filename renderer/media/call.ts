// The media host's call: one LiveKit Room with our publish settings, toggles, retry and teardown,
// reported as plain data (call-snapshot.ts).
import {
  ConnectionState,
  DisconnectReason,
  Room,
  RoomEvent,
  ScreenSharePresets,
  VideoPresets,
  type RoomEventCallbacks,
  type RoomOptions,
  type VideoResolution,
} from 'livekit-client'
import { degradeCameraUnderPressure } from './camera-degrader'
import { manageCallDevices, type CallDevices } from './call-devices'
import { snapshotOf, type CallConnection, type CallSnapshot } from './call-snapshot'
import type { SenderSample, Step } from './degradation-policy'
import { routeLivekitLogs } from './livekit-log'
import { playRemoteAudio, unlockAudioOnGesture } from './remote-audio'

export interface JoinOptions {
  url: string
  token: string
  /** Open rooms join with the mic on, focus rooms muted (issue 5). */
  mic?: boolean
  camera?: boolean
  /** Defaults to 720p; simulcast adds 360p and 180p layers below it. */
  cameraResolution?: VideoResolution
  /** Each sample the camera policy judged, and the step it led to (connection details, tests). */
  onSenderSample?: (sample: SenderSample, step: Step) => void
  /** Where remote audio elements live and which gestures unlock playback. */
  audioContainer?: HTMLElement
  gestureTarget?: EventTarget
  /**
   * Hears every change from the start, before the call connects: joinCall resolves only once the
   * mic and camera are published, and a call that is connected meanwhile should say so.
   */
  onChange?: (snapshot: CallSnapshot) => void
}

export interface Call {
  /** For views that render video tiles; state and controls go through the methods below. */
  readonly livekitRoom: Room
  /** Microphone, camera and speaker pickers; the choice outlives the call. */
  readonly devices: CallDevices
  snapshot(): CallSnapshot
  onChange(listener: (snapshot: CallSnapshot) => void): () => void
  setMic(on: boolean): Promise<void>
  setCamera(on: boolean): Promise<void>
  setScreenShare(on: boolean): Promise<void>
  /** From the failed state: connect again and restore mic, camera and screen as they were. */
  retry(): Promise<void>
  leave(): Promise<void>
}

const roomOptions: RoomOptions = {
  adaptiveStream: true,
  dynacast: true,
  publishDefaults: {
    simulcast: true,
    videoSimulcastLayers: [VideoPresets.h180, VideoPresets.h360],
    dtx: true,
    red: true,
    screenShareEncoding: ScreenSharePresets.h1080fps15.encoding,
  },
}

/**
 * One Room per page, reconnected for each call: livekit-client's Room constructor registers
 * page-lifetime listeners whose closures keep every Room instance alive (measured: one Room,
 * its participants and engine per join/leave cycle).
 */
let pageLivekitRoom: Room | undefined

function livekitRoomForThisPage(): Room {
  if (!pageLivekitRoom) {
    const room = new Room(roomOptions)
    routeLivekitLogs(() => room.state)
    pageLivekitRoom = room
  }
  if (pageLivekitRoom.state !== ConnectionState.Disconnected) throw new Error('Already in a call: leave it first.')
  return pageLivekitRoom
}

const failureText: Partial<Record<DisconnectReason, string>> = {
  [DisconnectReason.SERVER_SHUTDOWN]: 'The call server restarted and could not be reached again.',
  [DisconnectReason.PARTICIPANT_REMOVED]: 'You were removed from the call.',
  [DisconnectReason.ROOM_DELETED]: 'The call ended.',
  [DisconnectReason.JOIN_FAILURE]: 'Could not join the call.',
}

export async function joinCall(options: JoinOptions): Promise<Call> {
  const livekitRoom = livekitRoomForThisPage()
  const cameraResolution = options.cameraResolution ?? VideoPresets.h720.resolution
  const wanted = { mic: options.mic ?? true, camera: options.camera ?? false, screen: false }
  const listeners = new Set<(snapshot: CallSnapshot) => void>(options.onChange ? [options.onChange] : [])
  let connection: CallConnection = 'connecting'
  let failure: string | null = null
  let notice: string | null = null

  const degrader = degradeCameraUnderPressure(livekitRoom, {
    cameraWanted: () => wanted.camera,
    ...(options.onSenderSample ? { onSample: options.onSenderSample } : {}),
    onUpdate: (_step, message) => {
      notice = message ?? notice
      emit()
    },
  })
  const devices = manageCallDevices(livekitRoom, (line) => {
    notice = line
    emit()
  })
  const snapshot = () => snapshotOf(livekitRoom, { connection, failure, cameraStep: degrader.step(), notice })
  const emit = () => {
    const current = snapshot()
    for (const listener of listeners) listener(current)
  }
  const setConnection = (next: CallConnection, why: string | null = null) => {
    connection = next
    failure = why
    emit()
  }

  const audioContainer = options.audioContainer ?? document.body
  const stopAudio = playRemoteAudio(livekitRoom, audioContainer)
  const stopUnlock = unlockAudioOnGesture(livekitRoom, options.gestureTarget ?? window)

  const removers: Array<() => void> = []
  const listen = <E extends keyof RoomEventCallbacks>(event: E, handler: RoomEventCallbacks[E]) => {
    livekitRoom.on(event, handler)
    removers.push(() => livekitRoom.off(event, handler))
  }
  listen(RoomEvent.Reconnecting, () => setConnection('reconnecting'))
  listen(RoomEvent.SignalReconnecting, () => setConnection('reconnecting'))
  listen(RoomEvent.Reconnected, () => setConnection('connected'))
  listen(RoomEvent.Disconnected, (reason) => {
    if (connection === 'left') return
    // The same member joined from another device: the call moved there, no error (media lease).
    if (reason === DisconnectReason.DUPLICATE_IDENTITY) return setConnection('moved')
    setConnection('failed', (reason !== undefined && failureText[reason]) || 'Lost the connection to the call.')
  })
  for (const event of [
    RoomEvent.ParticipantConnected,
    RoomEvent.ParticipantDisconnected,
    RoomEvent.TrackPublished,
    RoomEvent.TrackUnpublished,
    RoomEvent.TrackMuted,
    RoomEvent.TrackUnmuted,
    RoomEvent.LocalTrackPublished,
    RoomEvent.LocalTrackUnpublished,
    RoomEvent.ActiveSpeakersChanged,
    RoomEvent.ConnectionQualityChanged,
    RoomEvent.AudioPlaybackStatusChanged,
  ] as const) {
    listen(event, emit)
  }

  const publishWanted = async () => {
    const local = livekitRoom.localParticipant
    await local.setMicrophoneEnabled(wanted.mic)
    await local.setCameraEnabled(wanted.camera, { resolution: cameraResolution })
    if (wanted.screen) await shareScreen(true)
  }
  const shareScreen = (on: boolean) =>
    livekitRoom.localParticipant.setScreenShareEnabled(
      on,
      { contentHint: 'detail', resolution: ScreenSharePresets.h1080fps15.resolution, audio: false },
      { degradationPreference: 'maintain-resolution', simulcast: false },
    )

  const connect = async () => {
    setConnection('connecting')
    try {
      await livekitRoom.connect(options.url, options.token)
      setConnection('connected')
      // Before publishing, so a chosen device is opened first; after, to list devices with labels.
      await devices.refresh()
      await publishWanted()
      await devices.refresh()
    } catch (error) {
      setConnection('failed', error instanceof Error ? error.message : String(error))
    }
  }

  await connect()

  return {
    livekitRoom,
    devices,
    snapshot,
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async setMic(on) {
      wanted.mic = on
      await livekitRoom.localParticipant.setMicrophoneEnabled(on)
    },
    async setCamera(on) {
      wanted.camera = on
      await livekitRoom.localParticipant.setCameraEnabled(on, { resolution: cameraResolution })
      degrader.reset()
    },
    async setScreenShare(on) {
      wanted.screen = on
      await shareScreen(on)
      emit()
    },
    async retry() {
      if (connection !== 'failed') return
      await connect()
    },
    async leave() {
      connection = 'left'
      degrader.close()
      devices.close()
      await livekitRoom.disconnect(true)
      stopUnlock()
      stopAudio()
      for (const remove of removers.splice(0)) remove()
      emit()
      listeners.clear()
    },
  }
}
