// Measuring a page's layout in Playwright: boxes, a still page to measure, screenshots beside the results.
import type { Locator, Page } from '@playwright/test'
import { test } from './fixtures'

export interface Box {
  x: number
  y: number
  width: number
  height: number
}

export async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox()
  if (!box) throw new Error(`${locator} has no box: it is not rendered`)
  return box
}

export const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

/** How far `inner` pokes out of `outer` on its worst side, in px (0 when it is inside). */
export function overhang(inner: Box, outer: Box): number {
  return Math.max(0, outer.x - inner.x, outer.y - inner.y, inner.x + inner.width - (outer.x + outer.width), inner.y + inner.height - (outer.y + outer.height))
}

/** Two boxes share a row when each one's vertical middle lies within the other. */
export function sameRow(a: Box, b: Box): boolean {
  const middle = (box: Box) => box.y + box.height / 2
  return middle(a) >= b.y && middle(a) <= b.y + b.height && middle(b) >= a.y && middle(b) <= a.y + a.height
}

/** Half a pixel of slack: layout rounds to device pixels. */
export const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5

/**
 * Measure a still page: the pointer parked outside the office (hover lifts a card by a pixel) and
 * every running finite transition (hover, the discussion sliding in) finished.
 */
export async function settle(page: Page): Promise<void> {
  await page.mouse.move(0, 0)
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  )
}

/** A screenshot in the test's output folder, for a person to look at. */
export async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) })
}
