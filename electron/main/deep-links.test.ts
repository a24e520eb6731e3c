import { describe, expect, it, vi } from 'vitest'
import type { FakeUtilityProcess } from '../testing/fake-electron'
import { fakeOs } from '../testing/fake-electron'
import { OFFICE_URL, startMain, startMainBeforeReady } from '../testing/start-main'

const enterRoom = (roomId: string) => ({ type: 'command', command: { type: 'enterRoom', roomId } })
const commandsTo = (core: FakeUtilityProcess) => core.received.map((r) => r.message)
/** Waits for the marker room link to reach the core, so a wrong delivery sent before it would have arrived too. */
const untilEntered = (core: FakeUtilityProcess, roomId: string) => vi.waitFor(() => expect(commandsTo(core)).toContainEqual(enterRoom(roomId)))

describe('hallway:// deep links (fake Electron)', () => {
  it('registers Hallway as the hallway:// handler and sends a macOS room link to the core as enterRoom', async () => {
    const { protocolClients, openUrl, forked, window } = await startMain()
    expect(protocolClients).toEqual(['hallway'])
    expect(openUrl('hallway://room/T1/design')).toBe(true)
    await untilEntered(forked[0]!, 'design')
    expect(commandsTo(forked[0]!)).toEqual([enterRoom('design')])
    expect(window.focused).toBe(1)
  })

  it('drops and logs a hostile link, and a room link for another team, sending the core nothing for them', async () => {
    const { openUrl, secondInstance, forked, log } = await startMain()
    openUrl('hallway://room/T1/../../etc')
    openUrl('hallway://room/T2/design')
    secondInstance(['/opt/Hallway/hallway', 'hallway://join?server=javascript%3Aalert(1)&invite=abcdefghijklmnop1234'])
    openUrl('hallway://room/T1/marker')
    await untilEntered(forked[0]!, 'marker')
    expect(commandsTo(forked[0]!)).toEqual([enterRoom('marker')])
    expect(log).toHaveBeenCalledWith('main: dropped a link: not a Hallway link (a room link is room/<teamId>/<roomId>)')
    expect(log).toHaveBeenCalledWith('main: ignored a room link for another team')
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/^main: dropped a link: not a Hallway link \(serverUrl: /))
  })

  it('focuses the office and delivers the link when a second instance starts with one (Windows/Linux)', async () => {
    const { secondInstance, forked, window, windows } = await startMain()
    secondInstance(['C:\\Hallway\\Hallway.exe', '--allow-file-access-from-files', 'hallway://room/T1/standup'])
    await untilEntered(forked[0]!, 'standup')
    expect(window.focused).toBeGreaterThan(0)
    expect(windows()).toHaveLength(1)
    expect(window.loadedUrl).toBe(OFFICE_URL)
  })

  it('delivers a room link that started the app, after the core is up', async () => {
    const { forked } = await startMain(undefined, { launchArgv: ['/opt/Hallway/hallway', 'hallway://room/T1/cold'] })
    await untilEntered(forked[0]!, 'cold')
    expect(commandsTo(forked[0]!)).toEqual([enterRoom('cold')])
  })

  it('quits a second launch refused the single-instance lock before registering anything, and hands its link to the first', async () => {
    const os = fakeOs()
    const first = await startMain(undefined, {}, { os })
    const second = startMainBeforeReady(undefined, {}, { os, argv: ['/opt/Hallway/hallway', 'hallway://room/T1/second'] })
    expect(second.quits).toHaveLength(1)
    expect(second.protocolClients).toEqual([])
    expect(second.privilegedSchemes).toEqual([])
    await untilEntered(first.forked[0]!, 'second')
    expect(first.window.focused).toBeGreaterThan(0)
    expect(first.windows()).toHaveLength(1)
  })

  it('shows an invite link\'s server on the setup page when Hallway is not signed in, escaped, and never the invite code', async () => {
    const { openUrl, window, forked } = await startMain({ ok: false, problem: 'No server yet' })
    openUrl(`hallway://join?server=${encodeURIComponent('https://hallway.example.com/<b>')}&invite=abcdefghijklmnop1234`)
    const page = () => decodeURIComponent(window.loadedUrl!.replace('data:text/html;charset=utf-8,', ''))
    await vi.waitFor(() => expect(page()).toContain('invitation to the team at <strong>https://hallway.example.com/&lt;b&gt;</strong>'))
    expect(page()).not.toContain('abcdefghijklmnop1234')
    expect(forked).toHaveLength(0)
  })
})
