#!/usr/bin/env node
// `npm test`: sets up what the suites need (scripts/setup: Debian packages, the LiveKit build),
// typechecks and lints, runs unit + integration (vitest), then end-to-end (Playwright), then one
// closing line "N passed, N failed, N skipped" over all of them (typecheck and lint count as one
// test each). Exit 0 only when nothing failed.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname

if (!existsSync(join(root, 'node_modules/.bin/tsx'))) {
  console.error('npm test needs the npm packages first: run npm install')
  process.exit(1)
}

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

if (run('setup', 'node', ['--import', 'tsx', 'scripts/setup/main.ts']) !== 0) {
  console.error('\nnpm test stopped in setup: nothing was tested.')
  process.exit(1)
}
const checks = [
  ['typecheck', run('typecheck', 'npm', ['run', '--silent', 'typecheck'])],
  ['lint', run('lint', 'npm', ['run', '--silent', 'lint'])],
]

const resultsDir = join(root, 'test-results')
rmSync(resultsDir, { recursive: true, force: true })
mkdirSync(resultsDir, { recursive: true })
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
for (const [name, exit] of checks) {
  if (exit === 0) totals.passed++
  else {
    console.error(`${name} failed (exit ${exit}).`)
    totals.failed++
  }
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(totals.failed === 0 ? 0 : 1)
