// Reads what this machine already has for `npm test`; plan.ts decides what to do about it.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { builtLeanBinding } from '../../server/store/sqlite-lean-build'
import { leanBuildNeeds } from '../sqlite/build-lean'
import { DEBIAN_PACKAGES, LIVEKIT_INSTALL_SCRIPT, type Machine } from './plan'

export function probeMachine(repo: string): Machine {
  return {
    missingPackages: missingDebianPackages(DEBIAN_PACKAGES),
    root: process.getuid?.() === 0,
    aptGet: runs('apt-get', ['--version']),
    go: runs('go', ['version']),
    livekit: livekitStatus(repo),
    sqlite: builtLeanBinding(repo) ? { built: true, needs: [] } : { built: false, needs: leanBuildNeeds() },
  }
}

/** The packages dpkg does not list as installed, or null where there is no dpkg. */
export function missingDebianPackages(packages: readonly string[]): string[] | null {
  // Unknown names make dpkg-query exit 1 but it still lists the known ones.
  const query = spawnSync('dpkg-query', ['-W', '-f=${Package} ${db:Status-Status}\n', ...packages], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  if (query.error) return null
  const installed = new Set(query.stdout.split('\n').filter((line) => line.endsWith(' installed')).map((line) => line.split(' ')[0]))
  return packages.filter((name) => !installed.has(name))
}

/** The version install.sh builds and whether .cache/livekit already holds it (install.sh is the one place that knows). */
export function livekitStatus(repo: string): Machine['livekit'] {
  const status = spawnSync('bash', [join(repo, LIVEKIT_INSTALL_SCRIPT), '--status'], { encoding: 'utf8' })
  const match = /^(cached|missing) (\S+)$/.exec(status.stdout?.trim() ?? '')
  if (status.status !== 0 || !match) throw new Error(`${LIVEKIT_INSTALL_SCRIPT} --status answered "${status.stdout}${status.stderr}" (exit ${status.status})`)
  return { version: match[2]!, cached: match[1] === 'cached' }
}

function runs(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0
}
