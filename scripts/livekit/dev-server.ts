// The LiveKit dev server for `npm start` (docs/contract.md: "a LiveKit dev server when one is
// installed"): no namespace, no root; devkey/secret; bound to `host`.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LIVEKIT_HTTP_PORT, VIDEO_LAYER_TRACKING_YAML, livekitBinary, spawnLivekit, stopLivekit, waitUntilAnswering } from './livekit-process'

export interface LivekitDevServer {
  url: string
  apiKey: 'devkey'
  apiSecret: 'secret'
  logFile: string
  stop(): Promise<void>
}

/** Null when no server is installed: the app then says calls are unavailable. */
export async function startLivekitDevServer(host = '127.0.0.1'): Promise<LivekitDevServer | null> {
  if (!existsSync(livekitBinary)) return null
  const workDir = mkdtempSync(join(tmpdir(), 'hallway-livekit-'))
  const logFile = join(workDir, 'livekit.log')
  const configFile = join(workDir, 'livekit.yaml')
  writeFileSync(configFile, [...VIDEO_LAYER_TRACKING_YAML, ''].join('\n'))
  const child = spawnLivekit([livekitBinary, '--dev', '--bind', host, '--config', configFile], logFile)
  const stop = async () => {
    await stopLivekit(child)
    rmSync(workDir, { recursive: true, force: true })
  }
  try {
    await waitUntilAnswering(`http://${host}:${LIVEKIT_HTTP_PORT}/`, child, logFile)
  } catch (error) {
    await stop()
    throw error
  }
  return { url: `ws://${host}:${LIVEKIT_HTTP_PORT}`, apiKey: 'devkey', apiSecret: 'secret', logFile, stop }
}
