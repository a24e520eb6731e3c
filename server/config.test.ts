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

  it('reads scale-out mode from --redis and --postgres, its timings from env', () => {
    const argv = ['--redis', 'redis://127.0.0.1:6379', '--postgres', 'postgres://hallway@127.0.0.1/hallway']
    expect(parseServerConfig([], {})).toMatchObject({ ok: true, config: { scaleOut: null } })
    expect(parseServerConfig(argv, { HALLWAY_NODE_TTL_MS: '1500' })).toMatchObject({
      ok: true,
      config: { scaleOut: { redisUrl: 'redis://127.0.0.1:6379', postgresUrl: 'postgres://hallway@127.0.0.1/hallway', heartbeatTtlMs: 1500, streamMaxLength: 1000, presenceDeltas: true, untaggedHeartbeatWindowMs: 0 } },
    })
    expect(parseServerConfig(argv, { HALLWAY_UNTAGGED_HEARTBEAT_WINDOW_MS: '1800000' })).toMatchObject({ ok: true, config: { scaleOut: { untaggedHeartbeatWindowMs: 1_800_000 } } })
    expect(parseServerConfig(argv, { HALLWAY_UNTAGGED_HEARTBEAT_WINDOW_MS: '604800000' })).toMatchObject({ ok: false, error: expect.stringMatching(/HALLWAY_UNTAGGED_HEARTBEAT_WINDOW_MS must be a whole number from 0 to 86400000/) })
    expect(parseServerConfig(argv, { HALLWAY_FANOUT_PRESENCE: 'whole' })).toMatchObject({ ok: true, config: { scaleOut: { presenceDeltas: false } } })
    expect(parseServerConfig(argv, { HALLWAY_FANOUT_PRESENCE: 'partial' })).toMatchObject({ ok: false, error: expect.stringMatching(/HALLWAY_FANOUT_PRESENCE must be delta or whole/) })
    expect(parseServerConfig(argv, { HALLWAY_NODE_TTL_MS: 'soon' })).toMatchObject({ ok: false, error: expect.stringMatching(/HALLWAY_NODE_TTL_MS must be a whole number/) })
  })

  it('reads limits and timings from flags and HALLWAY_* env, flags first', () => {
    expect(parseServerConfig([], {})).toMatchObject({
      ok: true,
      config: { tuning: { maxMessageBytes: 262144, maxDocBytes: 8388608, maxConnectionsPerUser: 8, drainWindowMs: 5000, tokenTtlSeconds: 3600 } },
    })
    const env = { HALLWAY_MAX_CONNECTIONS_PER_USER: '3', HALLWAY_DRAIN_WINDOW_MS: '12000', HALLWAY_TOKEN_TTL: '30m', HALLWAY_MAX_DOC_BYTES: '1048576' }
    expect(parseServerConfig(['--max-doc-bytes', '2097152', '--max-messages-per-second', '50'], env)).toMatchObject({
      ok: true,
      config: { tuning: { maxConnectionsPerUser: 3, drainWindowMs: 12000, tokenTtlSeconds: 1800, maxDocBytes: 2097152, maxMessagesPerSecond: 50 } },
    })
  })

  it.each([
    [[], { HALLWAY_MAX_DOC_BYTES: 'lots' }, /HALLWAY_MAX_DOC_BYTES must be a whole number, for example HALLWAY_MAX_DOC_BYTES=8388608/],
    [[], { HALLWAY_DRAIN_WINDOW_MS: '-5' }, /HALLWAY_DRAIN_WINDOW_MS must be a whole number/],
    [['--max-message-bytes', '12'], {}, /--max-message-bytes must be between 1024 and/],
    [['--max-connections-per-user', '0'], {}, /--max-connections-per-user must be between 1 and 10000/],
    [['--max-bytes-per-second', '1.5'], {}, /--max-bytes-per-second must be a whole number/],
    [['--drain-window-ms', '700000'], {}, /--drain-window-ms must be between 0 and 600000/],
    [['--token-ttl', 'forever'], {}, /--token-ttl must be a duration like 45s, 30m, 1h or 7d/],
    [['--token-ttl', '10s'], {}, /--token-ttl must be between 60 and \d+ seconds/],
  ])('refuses %j %j with a message naming the setting', (argv, env, message) => {
    const result = parseServerConfig(argv, env)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error).toMatch(message)
  })

  it.each([
    [['--port', 'abc'], /--port must be a whole number/],
    [['--port', '70000'], /--port must be between 0 and 65535/],
    [['--host', 'http://x'], /--host must be a host name/],
    [['--data', ''], /--data must name a directory/],
    [['--redis', 'redis://localhost'], /Scale-out needs both --redis URL and --postgres URL \(got only --redis\)/],
    [['--postgres', 'postgres://localhost/db'], /Scale-out needs both --redis URL and --postgres URL \(got only --postgres\)/],
    [['--redis', 'http://x', '--postgres', 'postgres://x/db'], /--redis must be a redis:\/\/ or rediss:\/\/ URL/],
    [['--redis', 'redis://x', '--postgres', 'mysql://x/db'], /--postgres must be a postgres:\/\/ URL/],
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
