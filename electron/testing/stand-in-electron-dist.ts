// A stand-in for an unpacked Linux Electron, for electron-builder's `electronDist`: the real
// binary cannot be downloaded here. electron-builder needs only the `electron` executable (it
// renames it to the app's executableName); this one runs nothing but carries a fuse wire laid
// out as Electron's (sentinel, version 1, length, one byte per fuse) so electronFuses can flip it.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const fuseSentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'

/** Electron's shipped fuse states in FuseV1Options order ('1' on, '0' off), RunAsNode first. */
export const shippedFuseWire = '10110001'

export function writeStandInElectronDist(dir: string): void {
  mkdirSync(dir, { recursive: true })
  const script = '#!/bin/sh\necho "stand-in Electron for packaging tests: it runs nothing" >&2\nexit 1\n'
  const wire = Buffer.concat([Buffer.from(`# ${fuseSentinel}`, 'ascii'), Buffer.from([1, shippedFuseWire.length]), Buffer.from(`${shippedFuseWire}\n`, 'ascii')])
  writeFileSync(join(dir, 'electron'), Buffer.concat([Buffer.from(script, 'ascii'), wire]))
  chmodSync(join(dir, 'electron'), 0o755)
}

/** The fuse wire of an Electron binary, one '0'/'1' per fuse in FuseV1Options order. */
export function readFuseWire(binaryPath: string): string {
  const binary = readFileSync(binaryPath)
  const at = binary.indexOf(fuseSentinel)
  if (at === -1) throw new Error(`${binaryPath} has no fuse wire`)
  const start = at + fuseSentinel.length
  if (binary[start] !== 1) throw new Error(`${binaryPath}: fuse wire version ${binary[start]}, expected 1`)
  return binary.subarray(start + 2, start + 2 + binary[start + 1]!).toString('ascii')
}
