import { describe, expect, it } from 'vitest'
import { isHostSubnet, pickHostSubnet } from './netns'

const routes = ['default via 172.17.0.1 dev eth0', '10.231.7.8/30 dev hwl-1x2 proto kernel scope link src 10.231.7.9'].join('\n')
const randoms = (...bases: string[]) => () => bases.shift() ?? '10.231.255.252'

describe('the SFU namespace subnet', () => {
  it('comes back on the subnet it had last run while no route covers it, so open pages reach the same address', () => {
    expect(pickHostSubnet(routes, '10.231.40.12', randoms('10.231.1.0'))).toBe('10.231.40.12')
  })

  it('takes a free random one when the preferred subnet is in use, missing or not a 10.231 /30', () => {
    expect(pickHostSubnet(routes, '10.231.7.8', randoms('10.231.7.8', '10.231.2.4'))).toBe('10.231.2.4')
    expect(pickHostSubnet(routes, undefined, randoms('10.231.3.0'))).toBe('10.231.3.0')
    for (const stored of ['10.231.7.9', '192.168.1.0', '10.231.300.0', '', '10.231.4.0\nrm -rf /']) {
      expect(pickHostSubnet(routes, stored, randoms('10.231.5.4'))).toBe('10.231.5.4')
    }
  })

  it('accepts only the first address of a /30 inside 10.231.0.0/16', () => {
    expect(['10.231.0.0', '10.231.255.252', '10.231.40.12'].map(isHostSubnet)).toEqual([true, true, true])
    expect(['10.231.0.1', '10.231.0.256', '10.232.0.0', '10.231.0', ' 10.231.0.0'].map(isHostSubnet)).toEqual([false, false, false, false, false])
  })
})
