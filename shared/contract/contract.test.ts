import { describe, expect, it } from 'vitest'
import { coreCommandSchema } from './commands'
import { parseDocName, chatDocName, teamDocName } from './doc-names'
import { readTokenClaims } from './token-claims'
import { coreToViewSchema, viewToCoreSchema } from './view-port'
import { closeReasonText, describeClose, isRefusedWrite, isTerminalClose, CloseCode } from './close-codes'

function fakeJwt(payload: unknown): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${encode({ alg: 'HS256' })}.${encode(payload)}.signature`
}

describe('commands', () => {
  it('accepts known commands and refuses anything else', () => {
    expect(coreCommandSchema.safeParse({ type: 'enterRoom', roomId: 'kitchen' }).success).toBe(true)
    expect(coreCommandSchema.safeParse({ type: 'enterRoom', roomId: '../etc' }).success).toBe(false)
    expect(coreCommandSchema.safeParse({ type: 'enterRoom' }).success).toBe(false)
    expect(coreCommandSchema.safeParse({ type: 'dropTable' }).success).toBe(false)
    expect(coreCommandSchema.safeParse({ type: 'setMic', on: 'yes' }).success).toBe(false)
  })

  it('validates port messages in both directions', () => {
    expect(viewToCoreSchema.safeParse({ type: 'command', id: 1, command: { type: 'leaveRoom' } }).success).toBe(true)
    expect(viewToCoreSchema.safeParse({ type: 'command', id: 1.5, command: { type: 'leaveRoom' } }).success).toBe(false)
    expect(coreToViewSchema.safeParse({ type: 'patch', ops: [{ op: 'set', path: ['rooms', 'a', 'name'], value: 'A' }] }).success).toBe(true)
    expect(coreToViewSchema.safeParse({ type: 'patch', ops: [{ op: 'set', path: [], value: 1 }] }).success).toBe(false)
  })
})

describe('doc names', () => {
  it('round-trips team and chat names and refuses others', () => {
    expect(parseDocName(teamDocName('t1'))).toEqual({ kind: 'team', teamId: 't1' })
    expect(parseDocName(chatDocName('t1', 'r2'))).toEqual({ kind: 'chat', teamId: 't1', roomId: 'r2' })
    for (const bad of ['team', 'team/', 'team/a b', 'team/t1/room/r2', 'other/t1', 'team/t1/room/r2/chat/x', 'team/../x']) {
      expect(parseDocName(bad)).toBeNull()
    }
  })
})

describe('token claims', () => {
  it('reads claims and explains what is wrong with a bad token', () => {
    const claims = { sub: 'u1', team: 't1', role: 'member', name: 'Ada', exp: 2_000_000_000 }
    expect(readTokenClaims(fakeJwt(claims))).toEqual(claims)
    expect(() => readTokenClaims('nope')).toThrow(/not a Hallway sign-in token/)
    expect(() => readTokenClaims('a.%%%.c')).toThrow(/damaged/)
    expect(() => readTokenClaims(fakeJwt({ ...claims, role: 'owner' }))).toThrow(/missing Hallway claims/)
  })
})

describe('close codes', () => {
  it('stops retrying on auth refusals only', () => {
    expect(isTerminalClose(CloseCode.badToken)).toBe(true)
    expect(isTerminalClose(CloseCode.forbidden)).toBe(true)
    expect(isTerminalClose(CloseCode.rateLimited)).toBe(false)
    expect(isTerminalClose(CloseCode.draining)).toBe(false)
    expect(describeClose(CloseCode.badToken)).toMatch(/Sign in again/)
  })

  it('reads 4403 as a refused write only once the connection synced, and only 4403', () => {
    expect(isRefusedWrite(CloseCode.forbidden, true)).toBe(true)
    expect(isRefusedWrite(CloseCode.forbidden, false)).toBe(false)
    expect(isRefusedWrite(CloseCode.badToken, true)).toBe(false)
    expect(isRefusedWrite(CloseCode.tooLarge, true)).toBe(false)
  })

  it('shows a server close reason as one short printable line', () => {
    expect(closeReasonText('rooms/x/name:\n\u0000only admins')).toBe('rooms/x/name: only admins')
    expect(closeReasonText('  \t ')).toBe('no reason given')
    expect(closeReasonText('x'.repeat(500))).toHaveLength(123)
  })
})
