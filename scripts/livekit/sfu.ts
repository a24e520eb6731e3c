// The real LiveKit SFU for tests and benchmarks, in a network namespace of its own.
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  LIVEKIT_HTTP_PORT as HTTP_PORT,
  VIDEO_LAYER_TRACKING_YAML,
  exited,
  livekitBinary,
  requireLivekitBinary,
  spawnLivekit,
  stopLivekit,
  waitUntilAnswering,
} from './livekit-process'
import {
  addressIn,
  chromiumInNetns,
  freeHostSubnet,
  netns,
  ownNamespace,
  removeNamespace,
  uniqueNamespaceName,
} from './netns'

export { livekitBinary }

/** A browser-side namespace wired straight into the SFU's, for shaping one member's uplink. */
export interface ClientNetns {
  namespace: string
  /** Playwright `executablePath`; pass `env: { ...process.env, HALLWAY_NETNS: namespace }`. */
  executablePath: string
  cap(rate: `${number}kbit` | `${number}mbit`): void
  uncap(): void
  remove(): void
}

export interface Sfu {
  url: string
  apiKey: 'devkey'
  apiSecret: 'secret'
  namespace: string
  /** The /30 the SFU's namespace sits in; pass it back as `subnet` to start again on the same address. */
  subnet: string
  address: string
  logFile: string
  /** Graceful stop, then the namespace goes. */
  stop(): Promise<void>
  /** SIGKILL the server (a crash); the namespace stays for `restart()`. */
  kill(): Promise<void>
  /** Kill if running, start again on the same address, resolve once it answers. */
  restart(): Promise<void>
  attachClient(): ClientNetns
}

function configFor(address: string): string {
  return [
    `port: ${HTTP_PORT}`,
    'rtc:',
    '  tcp_port: 7881',
    '  udp_port: 7882',
    '  use_external_ip: false',
    // Without our own entry the server hands clients Google's STUN servers; keep probes in here.
    `  stun_servers: ["${address}:3478"]`,
    '  ips:',
    `    includes: ["${address}/32"]`,
    ...VIDEO_LAYER_TRACKING_YAML,
    'logging:',
    '  level: info',
    '',
  ].join('\n')
}

export async function startSfu(options: { subnet?: string } = {}): Promise<Sfu> {
  requireLivekitBinary()
  netns('sweep')
  const namespace = uniqueNamespaceName()
  const base = freeHostSubnet(options.subnet)
  const address = addressIn(base, 2)
  ownNamespace(namespace)
  netns('up', namespace, base)

  const workDir = mkdtempSync(join(tmpdir(), 'hallway-sfu-'))
  const configFile = join(workDir, 'livekit.yaml')
  const logFile = join(workDir, 'livekit.log')
  writeFileSync(configFile, configFor(address))

  let child: ChildProcess | null = null
  const clients: ClientNetns[] = []

  const launch = async (): Promise<void> => {
    const running = spawnLivekit(
      ['ip', 'netns', 'exec', namespace, livekitBinary, '--dev', '--bind', address, '--node-ip', address, '--config', configFile],
      logFile,
    )
    child = running
    await waitUntilAnswering(`http://${address}:${HTTP_PORT}/`, running, logFile)
  }

  const kill = async (): Promise<void> => {
    if (!child) return
    const running = child
    child = null
    running.kill('SIGKILL')
    await exited(running)
  }

  try {
    await launch()
  } catch (error) {
    await kill()
    removeNamespace(namespace)
    throw error
  }

  return {
    url: `ws://${address}:${HTTP_PORT}`,
    apiKey: 'devkey',
    apiSecret: 'secret',
    namespace,
    subnet: base,
    address,
    logFile,
    kill,
    async restart() {
      await kill()
      await launch()
    },
    async stop() {
      if (child) {
        const running = child
        child = null
        await stopLivekit(running)
      }
      for (const client of clients.splice(0)) client.remove()
      removeNamespace(namespace)
      rmSync(workDir, { recursive: true, force: true })
    },
    attachClient() {
      const name = uniqueNamespaceName()
      // The client link lives only between the two namespaces, so any /30 outside 10.231/16 works.
      const linkBase = `10.232.0.${clients.length * 4}`
      ownNamespace(name)
      netns('attach', name, namespace, linkBase, address)
      const client: ClientNetns = {
        namespace: name,
        executablePath: chromiumInNetns,
        cap: (rate) => netns('cap', name, rate),
        uncap: () => netns('uncap', name),
        remove: () => removeNamespace(name),
      }
      clients.push(client)
      return client
    },
  }
}
