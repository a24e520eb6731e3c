// Who may enter which LiveKit call, and the LiveKit access token that says so.
import type { VideoGrant } from 'livekit-server-sdk'
import type { DoorState } from '../../shared/model/schema'
import type { TokenClaims } from '../../shared/contract/token-claims'

export interface LivekitCredentials {
  url: string
  apiKey: string
  apiSecret: string
}

export interface CallRequest {
  teamId: string
  roomId: string
}

/** What the team document knows about the office room; null when there is no such room. */
export type OfficeRoom = { door: DoorState } | null

export type CallDenial = 'wrong-team' | 'unknown-room' | 'door-locked'

/** The sources a member may publish, by LiveKit's names for them. */
export const MEMBER_PUBLISH_SOURCES = ['microphone', 'camera', 'screen_share', 'screen_share_audio'] as const
type PublishSource = (typeof MEMBER_PUBLISH_SOURCES)[number]

/** LiveKit's video grant, with the publish sources by name (the SDK's enum loads with the SDK). */
export type CallGrant = Omit<VideoGrant, 'canPublishSources'> & { canPublishSources?: readonly PublishSource[] }

export type CallDecision =
  | { ok: true; roomName: string; identity: string; name: string; grant: CallGrant }
  | { ok: false; reason: CallDenial }

/** Longest a LiveKit token lives; connected participants get refreshed tokens from the SFU. */
export const MAX_CALL_TOKEN_SECONDS = 3600

/** Team and room ids never contain '.', so the name splits back unambiguously. */
export function livekitRoomName(teamId: string, roomId: string): string {
  return `${teamId}.${roomId}`
}

/**
 * A closed door only asks people to knock (the office lets them in), so the call stays reachable;
 * a locked door keeps everyone out.
 */
export function decideCallAccess(claims: TokenClaims, request: CallRequest, room: OfficeRoom): CallDecision {
  if (claims.team !== request.teamId) return { ok: false, reason: 'wrong-team' }
  if (!room) return { ok: false, reason: 'unknown-room' }
  if (room.door === 'locked') return { ok: false, reason: 'door-locked' }
  const roomName = livekitRoomName(request.teamId, request.roomId)
  const grant: CallGrant =
    claims.role === 'guest'
      ? { roomJoin: true, room: roomName, canSubscribe: true, canPublish: false, canPublishData: false }
      : {
          roomJoin: true,
          room: roomName,
          canSubscribe: true,
          canPublish: true,
          canPublishData: true,
          canPublishSources: MEMBER_PUBLISH_SOURCES,
        }
  return { ok: true, roomName, identity: claims.sub, name: claims.name, grant }
}

export class CallAccessDenied extends Error {
  readonly status = 403
  constructor(readonly reason: CallDenial) {
    super(`not allowed into this call: ${reason}`)
  }
}

/** The call token never outlives the member token it was minted for. */
export async function mintCallToken(
  claims: TokenClaims,
  request: CallRequest,
  room: OfficeRoom,
  livekit: LivekitCredentials,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): Promise<{ url: string; token: string }> {
  const decision = decideCallAccess(claims, request, room)
  if (!decision.ok) throw new CallAccessDenied(decision.reason)
  const ttl = Math.max(1, Math.min(MAX_CALL_TOKEN_SECONDS, claims.exp - nowSeconds))
  // Loaded on the first call token: an idle node, or one without calls, never pays its ~16 MB.
  const { AccessToken, TrackSource } = await import('livekit-server-sdk')
  const sourceByName: Record<PublishSource, (typeof TrackSource)[keyof typeof TrackSource]> = {
    microphone: TrackSource.MICROPHONE,
    camera: TrackSource.CAMERA,
    screen_share: TrackSource.SCREEN_SHARE,
    screen_share_audio: TrackSource.SCREEN_SHARE_AUDIO,
  }
  const { canPublishSources, ...grant } = decision.grant
  const token = new AccessToken(livekit.apiKey, livekit.apiSecret, { identity: decision.identity, name: decision.name, ttl })
  token.addGrant(canPublishSources ? { ...grant, canPublishSources: canPublishSources.map((name) => sourceByName[name]) } : grant)
  return { url: livekit.url, token: await token.toJwt() }
}
