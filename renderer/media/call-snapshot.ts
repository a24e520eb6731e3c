// The call as plain data: what the media host reports to views (avatars, tiles, banners).
import { Track, type Participant, type Room } from 'livekit-client'
import type { LinkQuality } from '../../shared/contract/call-activity'
import type { Step } from './degradation-policy'

export type CallConnection = 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'moved' | 'left'

export interface MemberMedia {
  identity: string
  name: string
  mic: boolean
  camera: boolean
  screen: boolean
  speaking: boolean
  quality: LinkQuality
}

export interface CallSnapshot {
  connection: CallConnection
  /** Why the call failed, for the "failed — retry" state; null otherwise. */
  failure: string | null
  /** Remote audio waits for a click or key press (browser autoplay policy). */
  audioBlocked: boolean
  /** The camera step the publish policy chose, and its last one-line explanation. */
  cameraStep: Step
  notice: string | null
  local: MemberMedia
  remotes: MemberMedia[]
}

export interface CallExtras {
  connection: CallConnection
  failure: string | null
  cameraStep: Step
  notice: string | null
}

function mediaOf(participant: Participant): MemberMedia {
  const on = (source: Track.Source) => {
    const publication = participant.getTrackPublication(source)
    return publication !== undefined && !publication.isMuted
  }
  return {
    identity: participant.identity,
    name: participant.name || participant.identity,
    mic: on(Track.Source.Microphone),
    camera: on(Track.Source.Camera),
    screen: on(Track.Source.ScreenShare),
    speaking: participant.isSpeaking,
    quality: participant.connectionQuality as LinkQuality,
  }
}

export function snapshotOf(livekitRoom: Room, extras: CallExtras): CallSnapshot {
  return {
    ...extras,
    audioBlocked: !livekitRoom.canPlaybackAudio,
    local: mediaOf(livekitRoom.localParticipant),
    remotes: [...livekitRoom.remoteParticipants.values()].map(mediaOf).sort((a, b) => a.identity.localeCompare(b.identity)),
  }
}
