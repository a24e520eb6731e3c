import { readFileSync } from 'node:fs'
import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { hallwayMark } from './hallway-mark'
import { appIconFiles, icoSizes, linuxIconSizes, trayIconFiles } from './generate-icons'
import { encodePng } from './png-encoder'
import { icnsTypes } from './icon-containers'

const repoFile = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url))

/** Reads a PNG the way an image loader would: signature, IHDR size and format, and the decoded RGBA rows. */
function readPng(png: Buffer): { width: number; height: number; pixels: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR')
  const width = png.readUInt32BE(16)
  const height = png.readUInt32BE(20)
  expect([png[24], png[25]]).toEqual([8, 6]) // 8-bit RGBA
  const idatLength = png.readUInt32BE(33)
  expect(png.subarray(37, 41).toString('ascii')).toBe('IDAT')
  const rows = inflateSync(png.subarray(41, 41 + idatLength))
  expect(rows.length).toBe(height * (width * 4 + 1))
  const pixels = Buffer.concat(Array.from({ length: height }, (_, y) => rows.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1))))
  return { width, height, pixels }
}

const opaqueCount = (pixels: Uint8Array) => pixels.filter((value, i) => i % 4 === 3 && value === 255).length

describe('icons', () => {
  it('are committed exactly as the generator draws them, tray and app icons alike', () => {
    for (const [name, draw] of Object.entries(trayIconFiles)) expect(repoFile(`resources/tray/${name}`), name).toEqual(draw())
    for (const [name, contents] of Object.entries(appIconFiles())) expect(repoFile(`build/${name}`), name).toEqual(contents)
  })

  it('encodes a PNG whose pixels decode back', () => {
    const pixels = hallwayMark(16)
    const decoded = readPng(encodePng(16, 16, pixels))
    expect([decoded.width, decoded.height]).toEqual([16, 16])
    expect(decoded.pixels).toEqual(Buffer.from(pixels))
    expect(opaqueCount(pixels)).toBeGreaterThan(100)
  })

  it('build/icon.png is 1024 px and the Linux set holds each size it names', () => {
    const icon = readPng(repoFile('build/icon.png'))
    expect([icon.width, icon.height]).toEqual([1024, 1024])
    for (const size of linuxIconSizes) {
      const { width, height } = readPng(repoFile(`build/icons/${size}x${size}.png`))
      expect([width, height]).toEqual([size, size])
    }
  })

  it('icon.ico has a directory whose every entry points at a PNG of the size it declares, up to 256', () => {
    const ico = repoFile('build/icon.ico')
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, icoSizes.length])
    const declared = icoSizes.map((_, index) => {
      const entry = ico.subarray(6 + index * 16, 22 + index * 16)
      const size = entry[0] === 0 ? 256 : entry[0]!
      expect(entry[1]).toBe(entry[0])
      const length = entry.readUInt32LE(8)
      const offset = entry.readUInt32LE(12)
      expect(offset + length).toBeLessThanOrEqual(ico.length)
      const { width, height } = readPng(ico.subarray(offset, offset + length))
      expect([width, height]).toEqual([size, size])
      return size
    })
    expect(declared).toEqual([...icoSizes])
  })

  it('icon.icns declares its whole length and holds a PNG of the right size under each element type, 16 to 1024', () => {
    const icns = repoFile('build/icon.icns')
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns')
    expect(icns.readUInt32BE(4)).toBe(icns.length)
    const found: Array<[string, number]> = []
    for (let offset = 8; offset < icns.length; ) {
      const type = icns.subarray(offset, offset + 4).toString('ascii')
      const length = icns.readUInt32BE(offset + 4)
      expect(length).toBeGreaterThan(8)
      const { width, height } = readPng(icns.subarray(offset + 8, offset + length))
      expect(width).toBe(height)
      found.push([type, width])
      offset += length
    }
    expect(found).toEqual(icnsTypes.map(([type, size]) => [type, size]))
  })

  it('macOS template tray images are black with alpha only, at 16 and 32 px, and show the same door cut out', () => {
    for (const [name, size] of [['trayTemplate.png', 16], ['trayTemplate@2x.png', 32]] as const) {
      const { width, pixels } = readPng(repoFile(`resources/tray/${name}`))
      expect(width).toBe(size)
      const colouredPixels = pixels.filter((value, i) => i % 4 !== 3 && value !== 0)
      expect(colouredPixels.length, name).toBe(0)
      const colour = hallwayMark(size)
      const door = (i: number) => colour[i * 4] === 255 && colour[i * 4 + 3] === 255
      for (let i = 0; i < size * size; i++) expect(pixels[i * 4 + 3], `${name} pixel ${i}`).toBe(colour[i * 4 + 3] === 0 || door(i) ? 0 : 255)
    }
  })
})
