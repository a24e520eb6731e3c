import { describe, expect, it } from 'vitest'
import { DEBIAN_PACKAGES, SQLITE_BUILD_SCRIPT, planSetup, type Machine, type SetupPlan } from './plan'

const readyMachine: Machine = { missingPackages: [], root: true, aptGet: true, go: true, livekit: { version: '1.13.5', cached: true }, sqlite: { built: true, needs: [] } }
const machine = (changes: Partial<Machine>): Machine => ({ ...readyMachine, ...changes })
const livekitMissing = { version: '1.13.5', cached: false }

function steps(plan: SetupPlan) {
  if (plan.kind !== 'ready') throw new Error(`expected a plan to run, got: ${plan.needs.join(' | ')}`)
  return plan.steps
}
function needs(plan: SetupPlan) {
  if (plan.kind !== 'blocked') throw new Error('expected the plan to stop with commands for the person')
  return plan.needs
}

describe('npm test setup plan', () => {
  it('runs nothing, not even apt-get update, when every package and the LiveKit build are in place', () => {
    const plan = steps(planSetup(readyMachine))
    expect(plan.map((step) => step.title)).toEqual([
      `Debian packages ${DEBIAN_PACKAGES.join(', ')} (apt-get, once)`,
      'LiveKit server 1.13.5 (go install, cached in .cache/livekit; about 4 minutes the first time)',
      'SQLite lean build for the store (cc -Os, cached in .cache/better-sqlite3; about 45 s the first time)',
    ])
    expect(plan.flatMap((step) => step.commands)).toEqual([])
  })

  it('as root, updates the package lists and then installs only the missing packages, without prompts', () => {
    const [packages] = steps(planSetup(machine({ missingPackages: ['redis-server', 'postgresql'] })))
    expect(packages!.commands).toEqual([
      { argv: ['apt-get', 'update', '-qq'], env: { DEBIAN_FRONTEND: 'noninteractive' } },
      { argv: ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'redis-server', 'postgresql'], env: { DEBIAN_FRONTEND: 'noninteractive' } },
    ])
  })

  it('not as root, stops with the sudo apt-get line for exactly the missing packages', () => {
    const [need, ...rest] = needs(planSetup(machine({ root: false, missingPackages: ['chromium'] })))
    expect(need).toContain('\n  sudo apt-get install -y chromium')
    expect(need).not.toContain('redis-server')
    expect(rest).toEqual([])
  })

  it('not as root but with everything installed, runs nothing and needs nothing', () => {
    expect(steps(planSetup(machine({ root: false }))).flatMap((step) => step.commands)).toEqual([])
  })

  it('without dpkg, stops and names every Debian package the tests need', () => {
    const [need] = needs(planSetup(machine({ missingPackages: null })))
    expect(need).toContain('no dpkg')
    expect(need).toContain(DEBIAN_PACKAGES.join(' '))
  })

  it('builds LiveKit with install.sh where Go exists and no build is cached', () => {
    const [, livekit] = steps(planSetup(machine({ livekit: livekitMissing })))
    expect(livekit!.commands).toEqual([{ argv: ['bash', 'scripts/livekit/install.sh'] }])
  })

  it('without Go, stops with where to get Go and where a LiveKit binary may go instead', () => {
    const [need] = needs(planSetup(machine({ go: false, livekit: livekitMissing })))
    expect(need).toContain('LiveKit server 1.13.5 is not built')
    expect(need).toContain('https://go.dev/dl/')
    expect(need).toContain('.cache/livekit/livekit-server')
  })

  it('without Go but with LiveKit cached, needs no Go', () => {
    expect(planSetup(machine({ go: false })).kind).toBe('ready')
  })

  it('lists everything the person must do at once and installs nothing before they have', () => {
    const plan = planSetup(machine({ root: false, missingPackages: ['postgresql'], go: false, livekit: livekitMissing }))
    expect(plan).toEqual({ kind: 'blocked', needs: [expect.stringContaining('sudo apt-get install -y postgresql'), expect.stringContaining('https://go.dev/dl/')] })
  })

  it('builds the lean SQLite binding with this node when it is missing, and only then', () => {
    const [, , sqlite] = steps(planSetup(machine({ sqlite: { built: false, needs: [] } })))
    expect(sqlite!.commands).toEqual([{ argv: [process.execPath, '--import', 'tsx', SQLITE_BUILD_SCRIPT] }])
  })

  it('stops with what to install when the lean SQLite binding is missing and cannot be built here', () => {
    const lacks = 'No cc or g++ on this machine. Install a C and C++ compiler: sudo apt-get install -y build-essential'
    const [need, ...rest] = needs(planSetup(machine({ sqlite: { built: false, needs: [lacks] } })))
    expect(need).toContain(lacks)
    expect(need).toContain(`node --import tsx ${SQLITE_BUILD_SCRIPT}`)
    expect(rest).toEqual([])
  })
})
