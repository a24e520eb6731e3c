import { BlockList, isIP } from 'node:net'

/** Why an address may not be fetched; null when it may. */
export type AddressDenial =
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'shared (CGNAT)'
  | 'multicast'
  | 'unspecified'
  | 'reserved'
  | 'unique-local'
  | 'embeds an IPv4 address'

const ranges: Array<[AddressDenial, string, number, 'ipv4' | 'ipv6']> = [
  ['unspecified', '0.0.0.0', 8, 'ipv4'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['shared (CGNAT)', '100.64.0.0', 10, 'ipv4'],
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['link-local', '169.254.0.0', 16, 'ipv4'],
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['reserved', '192.0.0.0', 24, 'ipv4'],
  ['reserved', '192.0.2.0', 24, 'ipv4'],
  ['reserved', '192.88.99.0', 24, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['reserved', '198.18.0.0', 15, 'ipv4'],
  ['reserved', '198.51.100.0', 24, 'ipv4'],
  ['reserved', '203.0.113.0', 24, 'ipv4'],
  ['multicast', '224.0.0.0', 4, 'ipv4'],
  ['reserved', '240.0.0.0', 4, 'ipv4'],
  ['unspecified', '::', 128, 'ipv6'],
  ['loopback', '::1', 128, 'ipv6'],
  // IPv4-compatible, IPv4-translated (SIIT), NAT64 and 6to4 addresses reach IPv4 hosts through
  // the address they embed. IPv4-mapped ones (::ffff:a.b.c.d) are checked as that IPv4 address.
  ['embeds an IPv4 address', '::', 96, 'ipv6'],
  ['embeds an IPv4 address', '::ffff:0:0:0', 96, 'ipv6'],
  ['embeds an IPv4 address', '64:ff9b::', 96, 'ipv6'],
  ['embeds an IPv4 address', '64:ff9b:1::', 48, 'ipv6'],
  ['embeds an IPv4 address', '2002::', 16, 'ipv6'],
  ['reserved', '100::', 64, 'ipv6'],
  ['reserved', '2001::', 23, 'ipv6'],
  ['reserved', '2001:db8::', 32, 'ipv6'],
  ['unique-local', 'fc00::', 7, 'ipv6'],
  ['link-local', 'fe80::', 10, 'ipv6'],
  ['link-local', 'fec0::', 10, 'ipv6'],
  ['multicast', 'ff00::', 8, 'ipv6'],
]

const lists = new Map<AddressDenial, BlockList>()
for (const [reason, network, prefix, family] of ranges) {
  let list = lists.get(reason)
  if (!list) lists.set(reason, (list = new BlockList()))
  list.addSubnet(network, prefix, family)
}

/**
 * Whether an unfurl may connect to this IP address. BlockList matches IPv4-mapped IPv6
 * (::ffff:10.0.0.1) against the IPv4 ranges. `allowLoopback` exists for tests only, which may
 * reach nothing but 127.0.0.0/8 (::1 stays denied: it also sits in ::/96).
 */
export function denialOf(address: string, options: { allowLoopback?: boolean } = {}): AddressDenial | null {
  const family = isIP(address)
  if (family === 0) return 'reserved'
  const type = family === 4 ? 'ipv4' : 'ipv6'
  for (const [reason, list] of lists) {
    if (reason === 'loopback' && options.allowLoopback) continue
    if (list.check(address, type)) return reason
  }
  return null
}
