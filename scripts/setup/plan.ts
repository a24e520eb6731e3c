// What `npm test` must set up on this machine, and how: a pure decision from what probe.ts found,
// so every path (installed, installable, blocked) is testable without touching the machine.

/**
 * Debian packages the suites start or drive: chromium (web and media e2e), redis-server and
 * postgresql (scale-out tests), iproute2 (the media tests' network namespaces), xvfb and xauth
 * (a virtual display, `xvfb-run`, for Electron on a machine without one).
 */
export const DEBIAN_PACKAGES = ['chromium', 'xvfb', 'redis-server', 'postgresql', 'iproute2', 'xauth'] as const

export const LIVEKIT_DIR = '.cache/livekit'
export const LIVEKIT_BINARY = `${LIVEKIT_DIR}/livekit-server`
export const LIVEKIT_INSTALL_SCRIPT = 'scripts/livekit/install.sh'
export const SQLITE_BUILD_SCRIPT = 'scripts/sqlite/build-lean.ts'

export interface Machine {
  /** Which of DEBIAN_PACKAGES are not installed; null where there is no dpkg (not Debian). */
  missingPackages: string[] | null
  root: boolean
  aptGet: boolean
  go: boolean
  livekit: { version: string; cached: boolean }
  /** The store's lean SQLite binding (server/store/sqlite-lean-build.ts): built, or what building it lacks (empty when it can be built). */
  sqlite: { built: boolean; needs: string[] }
}

export type Command = { argv: string[]; env?: Record<string, string> }

export interface SetupStep {
  /** The progress line's subject, e.g. "Debian packages chromium, xvfb (apt-get, once)". */
  title: string
  /** Empty when it is already in place. */
  commands: Command[]
}

export type SetupPlan =
  | { kind: 'ready'; steps: SetupStep[] }
  /** Something only the person can do: each entry says what is missing and the exact command to run. */
  | { kind: 'blocked'; needs: string[] }

export function planSetup(machine: Machine): SetupPlan {
  const needs: string[] = []
  const packages = packagesStep(machine, needs)
  const livekit = livekitStep(machine, needs)
  const sqlite = sqliteStep(machine, needs)
  return needs.length > 0 ? { kind: 'blocked', needs } : { kind: 'ready', steps: [packages, livekit, sqlite] }
}

function packagesStep({ missingPackages, root, aptGet }: Machine, needs: string[]): SetupStep {
  const title = `Debian packages ${DEBIAN_PACKAGES.join(', ')} (apt-get, once)`
  if (missingPackages === null) {
    needs.push(
      `The tests run their services from Debian packages at Debian's paths, and this machine has no dpkg.\n` +
        `Run them on Debian or Ubuntu (a container will do) with: ${DEBIAN_PACKAGES.join(' ')}`,
    )
    return { title, commands: [] }
  }
  if (missingPackages.length === 0) return { title, commands: [] }
  const list = missingPackages.join(' ')
  if (!root || !aptGet) {
    needs.push(`Debian packages missing: ${list}. Install them with:\n  sudo apt-get install -y ${list}`)
    return { title, commands: [] }
  }
  const env = { DEBIAN_FRONTEND: 'noninteractive' }
  return {
    title,
    commands: [
      { argv: ['apt-get', 'update', '-qq'], env },
      { argv: ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...missingPackages], env },
    ],
  }
}

function livekitStep({ livekit, go }: Machine, needs: string[]): SetupStep {
  const title = `LiveKit server ${livekit.version} (go install, cached in ${LIVEKIT_DIR}; about 4 minutes the first time)`
  if (livekit.cached) return { title, commands: [] }
  if (!go) {
    needs.push(
      `LiveKit server ${livekit.version} is not built, and building it needs Go 1.24 or newer, which is not installed.\n` +
        `Install Go from https://go.dev/dl/ (npm test then builds it with: bash ${LIVEKIT_INSTALL_SCRIPT}),\n` +
        `or put a livekit-server ${livekit.version} binary at ${LIVEKIT_BINARY}.`,
    )
    return { title, commands: [] }
  }
  return { title, commands: [{ argv: ['bash', LIVEKIT_INSTALL_SCRIPT] }] }
}

function sqliteStep({ sqlite }: Machine, needs: string[]): SetupStep {
  const title = 'SQLite lean build for the store (cc -Os, cached in .cache/better-sqlite3; about 45 s the first time)'
  if (sqlite.built) return { title, commands: [] }
  if (sqlite.needs.length > 0) {
    needs.push(`The store's lean SQLite build cannot be made here:\n${sqlite.needs.join('\n')}\n(npm test then builds it with: node --import tsx ${SQLITE_BUILD_SCRIPT})`)
    return { title, commands: [] }
  }
  return { title, commands: [{ argv: [process.execPath, '--import', 'tsx', SQLITE_BUILD_SCRIPT] }] }
}
