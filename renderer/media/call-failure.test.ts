import { describe, expect, it } from 'vitest'
import { callFailureText } from './call-failure'

describe('callFailureText', () => {
  it('pairs an unreachable call server with checking the connection and retrying', () => {
    expect(callFailureText('Could not reach the server for the call.')).toEqual({
      reason: 'Could not reach the server for the call.',
      next: 'Check your connection, then press Retry.',
    })
    expect(callFailureText('Lost the connection to the call.').next).toBe('Check your connection, then press Retry.')
  })

  it('adds no second instruction to a reason that already says what to do', () => {
    expect(callFailureText('Your sign-in expired: sign in again to join calls.').next).toBe('')
  })

  it('ends a raw join error as a sentence and still offers a next step', () => {
    const text = callFailureText('permissions denied')
    expect(text.reason).toBe('permissions denied.')
    expect(text.next).toMatch(/Retry/)
  })

  it('names an unknown failure rather than showing nothing', () => {
    expect(callFailureText(null).reason).toBe('The call stopped.')
    expect(callFailureText('  ').reason).toBe('The call stopped.')
  })
})
