// window.__hallwayCall: the office call as plain data for end-to-end tests and for a look from the
// console: the controller's state and what each remote member's tracks deliver.
import { Track } from 'livekit-client'
import { readInbound, type RemoteInbound } from './webrtc-stats'
import type { OfficeCallState } from './office-call'
import type { OfficeCallHandle } from './use-office-call'

export interface OfficeCallProbe {
  state(): OfficeCallState
  inbound(): Promise<RemoteInbound[]>
  /** Whether my microphone track is published and unmuted. */
  micLive(): boolean
  /** The device my published microphone captures from. */
  micDevice(): string | undefined
}

declare global {
  interface Window {
    __hallwayCall?: OfficeCallProbe
  }
}

export function exposeOfficeCall(handle: OfficeCallHandle): () => void {
  const room = () => handle.controller.call()?.livekitRoom
  window.__hallwayCall = {
    state: handle.state,
    inbound: async () => {
      const current = room()
      return current ? readInbound(current) : []
    },
    micLive: () => handle.controller.call()?.snapshot().local.mic ?? false,
    micDevice: () => room()?.localParticipant.getTrackPublication(Track.Source.Microphone)?.track?.mediaStreamTrack.getSettings().deviceId,
  }
  return () => delete window.__hallwayCall
}
