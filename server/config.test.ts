import { describe, expect, it } from 'vitest'
import { parseServerConfig } from './config'

describe('server config', () => {
  it('defaults to 127.0.0.1:8787 with data in ./.hallway', () => {
    const result = parseServerConfig([], {})
    expect(result).toMatchObject({ ok: true, config: { host: '127.0.0.1', port: 8787, dataDir: './.hallway', livekit: null } })
  })

  it('reads flags, and LiveKit from env with flags overriding', () => {
    const result = parseServerConfig(['--port', '0', '--data', '/tmp/x', '--host', '0.0.0.0', '--livekit-key', 'k2'], {
      LIVEKIT_URL: 'ws://127.0.0.1:7880',
      LIVEKIT_API_KEY: 'devkey',
      LIVEKIT_API_SECRET: 'secret',
    })
    expect(result).toMatchObject({
      ok: true,
      config: { port: 0, dataDir: '/tmp/x', host: '0.0.0.0', livekit: { url: 'ws://127.0.0.1:7880', apiKey: 'k2', apiSecret: 'secret' } },
    })
  })

  it.each([
    [['--port', 'abc'], /--port must be a whole number/],
    [['--port', '70000'], /--port must be between 0 and 65535/],
    [['--host', 'http://x'], /--host must be a host name/],
    [['--data', ''], /--data must name a directory/],
    [['--redis', 'redis://localhost'], /scale-out mode is not available in this build yet/],
    [['--postgres', 'postgres://localhost/db'], /scale-out mode is not available in this build yet/],
    [['--livekit-url', 'ws://x:7880'], /LiveKit needs all three settings/],
    [['--livekit-url', 'ftp://x', '--livekit-key', 'k', '--livekit-secret', 's'], /must start with ws:\/\//],
    [['--nope'], /Unknown option/],
    [['--log-level', 'loud'], /--log-level must be one of/],
  ])('refuses %j with a clear message', (argv, message) => {
    const result = parseServerConfig(argv, {})
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error).toMatch(message)
  })
})
