import { readFileSync } from 'node:fs'
import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { encodePng } from './png-encoder'
import { trayIconPixels } from './generate-tray-icons'

describe('tray icons', () => {
  it('are committed exactly as the generator draws them', () => {
    expect(readFileSync(new URL('../resources/tray/tray.png', import.meta.url))).toEqual(encodePng(16, 16, trayIconPixels(16)))
    expect(readFileSync(new URL('../resources/tray/tray@2x.png', import.meta.url))).toEqual(encodePng(32, 32, trayIconPixels(32)))
  })

  it('encodes a PNG whose pixels decode back', () => {
    const pixels = trayIconPixels(16)
    const png = encodePng(16, 16, pixels)
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([16, 16])
    const idatLength = png.readUInt32BE(33)
    const rows = inflateSync(png.subarray(41, 41 + idatLength))
    const firstRow = rows.subarray(1, 1 + 16 * 4)
    expect(Buffer.from(firstRow)).toEqual(Buffer.from(pixels.subarray(0, 16 * 4)))
    expect(pixels.filter((_, i) => i % 4 === 3 && pixels[i] === 255).length).toBeGreaterThan(100)
  })
})
