import type { Role } from '../../shared/contract/token-claims'

/** A user's tokens issued at or before `revokedAt` (ms) no longer grant anything. */
export interface Revocation {
  /** Increases with every revocation recorded, so a server can ask for the ones it has not seen. */
  seq: number
  teamId: string
  userId: string
  revokedAt: number
}

export interface InviteRecord {
  teamId: string
  role: Role
  createdAt: number
  expiresAt: number
}

/**
 * Who may still use the tokens they hold, and the invites that mint new members. Written by the
 * admin CLI, read by every server (so it lives in the shared store, not in memory).
 */
export interface AccessStore {
  revoke(teamId: string, userId: string, at: number): Promise<Revocation>
  /** The latest revocation time (ms) for this user, or null if never revoked. */
  revokedAt(teamId: string, userId: string): Promise<number | null>
  /** Revocations with seq > `afterSeq`, oldest first. */
  revocationsSince(afterSeq: number): Promise<Revocation[]>
  latestRevocationSeq(): Promise<number>
  /** Invites are stored by a hash of their code: the store never holds a usable code. */
  createInvite(codeHash: string, invite: InviteRecord): Promise<void>
  findInvite(codeHash: string): Promise<InviteRecord | null>
  close(): Promise<void>
}
