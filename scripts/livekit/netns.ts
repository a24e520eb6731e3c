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

/**
 * A /30 in 10.231.0.0/16 that no host route covers yet: `preferred` when it is one and free, so an
 * SFU started again (a restarted `npm start`) answers where open pages and their CSP expect it.
 */
export function freeHostSubnet(preferred?: string): string {
  const routes = execFileSync('ip', ['-4', 'route'], { encoding: 'utf8' })
  return pickHostSubnet(routes, preferred, () => `10.231.${randomInt(0, 256)}.${randomInt(0, 64) * 4}`)
}

/** Whether `base` names a /30 of 10.231.0.0/16 by its first address (it may come from a file). */
export function isHostSubnet(base: string): boolean {
  const match = /^10\.231\.(\d{1,3})\.(\d{1,3})$/.exec(base)
  if (!match) return false
  const [third, fourth] = [Number(match[1]), Number(match[2])]
  return third <= 255 && fourth <= 252 && fourth % 4 === 0
}

export function pickHostSubnet(routes: string, preferred: string | undefined, random: () => string): string {
  const free = (base: string) => !routes.includes(`${base}/30`)
  if (preferred !== undefined && isHostSubnet(preferred) && free(preferred)) return preferred
  for (;;) {
    const base = random()
    if (free(base)) return base
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
