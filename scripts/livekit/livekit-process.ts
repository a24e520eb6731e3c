// Spawning the LiveKit server binary and waiting until it answers: shared by the namespaced test
// SFU (sfu.ts) and the plain dev server (dev-server.ts).
import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const livekitBinary = fileURLToPath(new URL('../../.cache/livekit/livekit-server', import.meta.url))
export const LIVEKIT_HTTP_PORT = 7880
const READY_TIMEOUT_MS = 20_000

/**
 * How soon the SFU forwards a simulcast layer that stopped and runs again. Stock LiveKit waits for
 * 20 cycles of 500 ms on layers 1 and 2 (pkg/sfu/streamtracker/streamtracker_packet.go), so after
 * a weak uplink recovers, receivers see sharp video only ~10 s after the sender restored it. Our
 * publish policy already waits out its own hysteresis before stepping up, so the SFU need not hold
 * another 10 s: 4 cycles (2 s), as stock LiveKit already does for the base layer.
 */
export const VIDEO_LAYER_TRACKING_YAML = [
  'video:',
  '  stream_tracker_manager:',
  '    video:',
  '      packet_tracker:',
  ...[0, 1, 2].flatMap((layer) => [
    `        ${layer}:`,
    `          samples_required: ${layer === 0 ? 1 : 5}`,
    '          cycles_required: 4',
    '          cycle_duration: 500ms',
  ]),
]

export function requireLivekitBinary(): void {
  if (!existsSync(livekitBinary)) throw new Error(`No LiveKit server at ${livekitBinary}: run scripts/livekit/install.sh`)
}

/** Runs `command` (the binary, possibly behind `ip netns exec`) with its output appended to logFile. */
export function spawnLivekit(command: string[], logFile: string): ChildProcess {
  const log = openSync(logFile, 'a')
  const child = spawn(command[0]!, command.slice(1), { stdio: ['ignore', log, log] })
  closeSync(log)
  return child
}

export async function waitUntilAnswering(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) })
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n') : ''
  throw new Error(`LiveKit server at ${url} did not answer (exit ${child.exitCode ?? child.signalCode}):\n${log}`)
}

export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

/** LiveKit drains rooms on the first SIGTERM and forces on the second; nobody here waits for a drain. */
export async function stopLivekit(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM')
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
  await exited(child)
  clearTimeout(timer)
}
