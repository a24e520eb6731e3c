import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CAPACITY_PARTS, DEFAULT_CAPACITY, capacityOptionsFrom } from './run'

describe('capacity bench options', () => {
  it('runs every part for every server when nothing is named, as npm run bench -- capacity does', () => {
    const options = capacityOptionsFrom([])
    expect(options.parts).toEqual(CAPACITY_PARTS)
    expect(options.servers).toEqual(['ours', 'reference', 'y-sweet', 'floor'])
    expect(options.steps).toEqual(DEFAULT_CAPACITY.steps)
  })

  it('--only and --servers pick the parts and servers to run', () => {
    const options = capacityOptionsFrom(['--only', 'floor,projection', '--servers', 'ours,y-sweet', '--project', '3000'])
    expect(options.parts).toEqual(['floor', 'projection'])
    expect(options.servers).toEqual(['ours', 'y-sweet'])
    expect(options.projectMembers).toBe(3000)
  })

  it("--floor-flags runs ours in the floor shapes under those node flags; empty is node's defaults", () => {
    expect(capacityOptionsFrom([]).floorFlags).toBeUndefined()
    expect(capacityOptionsFrom(['--floor-flags=--max-semi-space-size=2 --expose-gc']).floorFlags).toEqual(['--max-semi-space-size=2', '--expose-gc'])
    expect(capacityOptionsFrom(['--floor-flags=']).floorFlags).toEqual([])
  })

  it('--compare-build runs a second build of ours beside this one in the floor shapes; a path that does not exist is refused, saying what to do', () => {
    expect(capacityOptionsFrom([]).compareBuild).toBeUndefined()
    expect(capacityOptionsFrom(['--compare-build', 'package.json']).compareBuild).toBe(resolve('package.json'))
    expect(() => capacityOptionsFrom(['--compare-build', 'out/nowhere/main.js'])).toThrow(`--compare-build: ${resolve('out/nowhere/main.js')} does not exist: copy a build first (cp -r out/server out/before) and name its main.js`)
  })

  it('refuses a part it does not know, naming the ones it does', () => {
    expect(() => capacityOptionsFrom(['--only', 'flor'])).toThrow('--only: unknown flor; choose from steps, projection, floor, restart, pinning')
    expect(() => capacityOptionsFrom(['--servers', 'ours,yjs'])).toThrow('--servers: unknown yjs; choose from ours, reference, y-sweet, floor')
  })
})
