import { describe, expect, it } from 'vitest'
import { denialOf } from './address-policy'

describe('unfurl address policy', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.20.30.40', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['100.64.0.1', 'shared (CGNAT)'],
    ['224.0.0.251', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['fd12:3456::1', 'unique-local'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['0:0:0:0:0:ffff:a9fe:a9fe', 'link-local'],
    ['::ffff:0.0.0.0', 'unspecified'],
    ['::ffff:0:7f00:1', 'embeds an IPv4 address'],
    ['::ffff:0:127.0.0.1', 'embeds an IPv4 address'],
    ['::ffff:0:808:808', 'embeds an IPv4 address'],
    ['64:ff9b::a00:1', 'embeds an IPv4 address'],
    ['64:ff9b::127.0.0.1', 'embeds an IPv4 address'],
    ['64:ff9b::808:808', 'embeds an IPv4 address'],
    ['::7f00:1', 'embeds an IPv4 address'],
    ['2002:a00:1::1', 'embeds an IPv4 address'],
    ['255.255.255.255', 'reserved'],
    ['not an address', 'reserved'],
  ])('denies %s (%s)', (address, reason) => {
    expect(denialOf(address)).toBe(reason)
  })

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111'])('allows the public address %s', (address) => {
    expect(denialOf(address)).toBeNull()
  })

  it('checks an IPv4-mapped address as the IPv4 address it is', () => {
    expect(denialOf('::ffff:8.8.8.8')).toBeNull()
    expect(denialOf('::ffff:808:808')).toBeNull()
    expect(denialOf('::ffff:192.168.0.1')).toBe('private')
  })

  it('lets tests reach 127.0.0.0/8 and nothing else private', () => {
    expect(denialOf('127.0.0.1', { allowLoopback: true })).toBeNull()
    expect(denialOf('::ffff:127.0.0.1', { allowLoopback: true })).toBeNull()
    expect(denialOf('::1', { allowLoopback: true })).not.toBeNull()
    expect(denialOf('10.0.0.1', { allowLoopback: true })).toBe('private')
    expect(denialOf('169.254.169.254', { allowLoopback: true })).toBe('link-local')
  })
})
