#!/usr/bin/env node
// `npm test`: unit + integration (vitest), then end-to-end (Playwright), then one closing line
// "N passed, N failed, N skipped" summed over both runners.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname

// Services the suites start on loopback; each comes from a Debian package (.ci/run installs them).
const needed = [
  ['/usr/bin/chromium', 'chromium'],
  ['/usr/bin/redis-server', 'redis-server'],
  ['/usr/lib/postgresql', 'postgresql'],
]
const missing = needed.filter(([path]) => !existsSync(path)).map(([, pkg]) => pkg)
if (missing.length > 0) {
  console.error(`npm test needs these Debian packages: ${missing.join(' ')}\nInstall them with: sudo apt-get install -y ${missing.join(' ')}   (or run: bash .ci/run)`)
  process.exit(1)
}
const resultsDir = join(root, 'test-results')
rmSync(resultsDir, { recursive: true, force: true })
mkdirSync(resultsDir, { recursive: true })

function run(title, command, args, env = {}) {
  console.log(`\n== ${title}: ${command} ${args.join(' ')}`)
  const started = Date.now()
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  console.log(`== ${title} finished in ${((Date.now() - started) / 1000).toFixed(1)} s (exit ${result.status})`)
  return result.status ?? 1
}

function countVitest(file) {
  if (!existsSync(file)) return null
  const report = JSON.parse(readFileSync(file, 'utf8'))
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests }
}

function countPlaywright(file) {
  if (!existsSync(file)) return null
  const report = JSON.parse(readFileSync(file, 'utf8'))
  const counts = { passed: 0, failed: 0, skipped: 0 }
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status === 'skipped') counts.skipped++
        else if (test.status === 'expected' || test.status === 'flaky') counts.passed++
        else counts.failed++
      }
    }
    for (const child of suite.suites ?? []) walk(child)
  }
  for (const suite of report.suites ?? []) walk(suite)
  for (const error of report.errors ?? []) {
    console.error('Playwright error:', error.message ?? error)
    counts.failed++
  }
  return counts
}

const vitestJson = join(resultsDir, 'vitest.json')
const vitestExit = run('unit and integration', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${vitestJson}`])
const playwrightJson = join(resultsDir, 'playwright.json')
const playwrightExit = run('end-to-end', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson })

const totals = { passed: 0, failed: 0, skipped: 0 }
for (const [name, counts, exit] of [
  ['vitest', countVitest(vitestJson), vitestExit],
  ['playwright', countPlaywright(playwrightJson), playwrightExit],
]) {
  if (!counts) {
    console.error(`${name} wrote no report (exit ${exit}); counting it as one failure.`)
    totals.failed++
    continue
  }
  if (exit !== 0 && counts.failed === 0) counts.failed = 1
  for (const key of Object.keys(totals)) totals[key] += counts[key]
}
if (totals.passed === 0) totals.failed = Math.max(totals.failed, 1)
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(totals.failed === 0 ? 0 : 1)
