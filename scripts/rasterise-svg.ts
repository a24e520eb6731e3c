import { Resvg } from '@resvg/resvg-js'

/**
 * An SVG drawing as a square PNG of `size` pixels. The app shows avatars and status symbols as PNGs
 * drawn from their SVG sources: Chromium paints each SVG image as a small document of its own on the
 * main thread (~0.1 ms a face, on every paint of it), a decoded bitmap as a copy. resvg gives the
 * same bytes on every machine, so tests check the committed PNGs against it.
 */
export function rasteriseSvg(svg: string, size: number): Buffer {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } }).render().asPng()
}

/** A PNG's width and height, from its IHDR chunk (big-endian, at bytes 16 and 20). */
export function pngSize(png: Buffer): [number, number] {
  return [png.readUInt32BE(16), png.readUInt32BE(20)]
}
