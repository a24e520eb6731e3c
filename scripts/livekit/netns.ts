// Node side of netns.sh: names, address allocation and cleanup of the namespaces a test run owns.
import { execFileSync } from 'node:child_process'
import { randomInt } from 'node:crypto'
import { fileURLToPath } from 'node:url'

const script = fileURLToPath(new URL('./netns.sh', import.meta.url))

/** Playwright `executablePath` that runs Chromium inside `HALLWAY_NETNS`. */
export const chromiumInNetns = fileURLToPath(new URL('./chromium-in-netns.sh', import.meta.url))

export function netns(...args: string[]): void {
  execFileSync('bash', [script, ...args], { stdio: ['ignore', 'ignore', 'inherit'] })
}

function existingNamespaces(): Set<string> {
  const out = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
  return new Set(out.split('\n').map((line) => line.split(' ')[0] ?? '').filter(Boolean))
}

/** hwl-<pid>x<hex>: the pid lets `netns.sh sweep` remove namespaces of runs that died. */
export function uniqueNamespaceName(): string {
  const taken = existingNamespaces()
  for (;;) {
    const name = `hwl-${process.pid}x${randomInt(0, 256 ** 2).toString(16)}`.slice(0, 14)
    if (!taken.has(name)) return name
  }
}

/** A /30 in 10.231.0.0/16 that no host route covers yet. */
export function freeHostSubnet(): string {
  const routes = execFileSync('ip', ['-4', 'route'], { encoding: 'utf8' })
  for (;;) {
    const base = `10.231.${randomInt(0, 256)}.${randomInt(0, 64) * 4}`
    if (!routes.includes(`${base}/30`)) return base
  }
}

export function addressIn(base: string, host: 1 | 2): string {
  const parts = base.split('.').map(Number)
  parts[3] = (parts[3] ?? 0) + host
  return parts.join('.')
}

const owned = new Set<string>()

function downAll(): void {
  for (const name of owned) {
    try {
      netns('down', name)
    } catch {
      // Best effort while exiting; `netns.sh sweep` catches what is left.
    }
  }
  owned.clear()
}

let exitHooked = false

/** Removes the namespace when this process exits, even on Ctrl-C or SIGTERM. */
export function ownNamespace(name: string): void {
  owned.add(name)
  if (exitHooked) return
  exitHooked = true
  process.on('exit', downAll)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      downAll()
      process.kill(process.pid, signal)
    })
  }
}

export function removeNamespace(name: string): void {
  netns('down', name)
  owned.delete(name)
}
