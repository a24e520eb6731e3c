// axe-core run inside a page: the serious and critical violations, one line per node.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from '@playwright/test'
import type { AxeResults } from 'axe-core'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8')

/** Finite animations and transitions (a dialog fading in, a button's colour) have settled, so axe reads final colours. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity),
  )
}

export async function seriousViolations(page: Page): Promise<string[]> {
  await settled(page)
  // The page's CSP (script-src 'self') refuses an injected <script> tag, rightly; evaluating the
  // source through the DevTools protocol is outside its reach.
  await page.evaluate(axeSource)
  const results = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run())
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}: ${node.failureSummary ?? ''}`))
}
