import { describe, expect, it } from 'vitest'
import { IpcChannel } from '../../shared/contract/ipc-channels'
import type { TraySummary } from '../../shared/contract/tray'
import { fakeFrame } from '../testing/fake-electron'
import { OFFICE_URL, startMain } from '../testing/start-main'
import { INVITATION_ACTIONS } from './invitation-notifications'

const summaryWith = (news: Partial<Pick<TraySummary, 'knocks' | 'invitations' | 'mentions'>>): TraySummary => ({
  connection: 'online',
  me: { room: 'lobby', roomName: 'Lobby', mic: true, dnd: false, callElsewhere: null },
  rooms: [{ id: 'lobby', name: 'Lobby', door: 'closed', occupants: ['Ada'] }, { id: 'den', name: 'Den', door: 'open', occupants: ['Cy'] }],
  knocks: [],
  invitations: [],
  mentions: [],
  ...news,
})
const bobKnocks = { userId: 'bob', name: 'Bob', roomName: 'Lobby', at: 10 }
const cyInvites = { userId: 'cy', name: 'Cy', roomName: 'Den', at: 20 }
const bobMentions = (seq: number) => ({ roomId: 'den', seq, userId: 'bob', name: 'Bob', roomName: 'Den', at: seq })

async function desktop() {
  const main = await startMain()
  const core = main.forked[0]!
  const fromOffice = (...args: unknown[]) => main.sendIpc(IpcChannel.setNotificationChoices, { sender: main.window.webContents, senderFrame: fakeFrame(OFFICE_URL) }, ...args)
  const tray = (summary: TraySummary) => core.emit('message', { type: 'tray', summary })
  return { ...main, core, fromOffice, tray }
}

describe('desktop notifications honour Settings, and invitations notify (fake Electron)', () => {
  it('notifies an invitation with Join, which asks the core to accept it; a click focuses the office', async () => {
    const main = await desktop()
    main.tray(summaryWith({ invitations: [cyInvites] }))
    main.tray(summaryWith({ invitations: [cyInvites] }))
    expect(main.notifications.map((n) => n.options)).toEqual([
      { title: 'Cy invites you', body: 'Join them in Den?', actions: INVITATION_ACTIONS.map((text) => ({ type: 'button', text })) },
    ])
    main.notifications[0]!.press(0)
    expect(main.core.received.map((r) => r.message)).toContainEqual({ type: 'command', command: { type: 'answerPull', fromUserId: 'cy', accept: true } })

    main.tray(summaryWith({ invitations: [{ ...cyInvites, at: 30 }] }))
    // Cancelled or answered in the office: the next summary no longer has it, so it closes.
    main.tray(summaryWith({}))
    expect(main.notifications[1]!.closed).toBe(true)

    main.tray(summaryWith({ invitations: [{ ...cyInvites, at: 40 }] }))
    const focusedBefore = main.window.focused
    main.notifications[2]!.emit('click')
    expect(main.window.focused).toBe(focusedBefore + 1)
  })

  it('shows no knock or invitation the office switched off, closes those showing, and never shows them later', async () => {
    const main = await desktop()
    main.tray(summaryWith({ knocks: [bobKnocks] }))
    expect(main.notifications).toHaveLength(1)

    main.fromOffice({ knocks: false, invitations: true, mentions: true })
    expect(main.notifications[0]!.closed).toBe(true)
    main.tray(summaryWith({ knocks: [bobKnocks, { ...bobKnocks, userId: 'dee', name: 'Dee' }], invitations: [cyInvites] }))
    expect(main.notifications.map((n) => n.options.title)).toEqual(['Bob is knocking', 'Cy invites you'])

    main.fromOffice({ knocks: true, invitations: false, mentions: true })
    expect(main.notifications[1]!.closed).toBe(true)
    // Dee knocked while knocks were off: the office shows it; the desktop does not bring it up late.
    main.tray(summaryWith({ knocks: [bobKnocks, { ...bobKnocks, userId: 'dee', name: 'Dee' }, { ...bobKnocks, userId: 'eve', name: 'Eve', at: 40 }], invitations: [{ ...cyInvites, at: 50 }] }))
    expect(main.notifications.map((n) => n.options.title)).toEqual(['Bob is knocking', 'Cy invites you', 'Eve is knocking'])
  })

  it('notifies an unread mention of me once, closes it when that discussion is read, and shows none while Mentions is off', async () => {
    const main = await desktop()
    main.tray(summaryWith({ mentions: [bobMentions(3)] }))
    main.tray(summaryWith({ mentions: [bobMentions(3)] }))
    expect(main.notifications.map((n) => n.options)).toEqual([{ title: 'Bob mentioned you', body: 'In the Den discussion.' }])
    // Read on another device: the next summary no longer has it.
    main.tray(summaryWith({}))
    expect(main.notifications[0]!.closed).toBe(true)

    main.fromOffice({ knocks: true, invitations: true, mentions: false })
    main.tray(summaryWith({ mentions: [bobMentions(5)] }))
    main.fromOffice({ knocks: true, invitations: true, mentions: true })
    main.tray(summaryWith({ mentions: [bobMentions(5), bobMentions(6)] }))
    expect(main.notifications.map((n) => n.options.title)).toEqual(['Bob mentioned you', 'Bob mentioned you'])
    const focusedBefore = main.window.focused
    main.notifications[1]!.emit('click')
    expect(main.window.focused).toBe(focusedBefore + 1)
  })

  it('refuses notification choices from another page, a subframe, or in the wrong shape, and keeps the last good ones', async () => {
    const main = await desktop()
    main.fromOffice({ knocks: false, invitations: false, mentions: true })
    const office = main.window.webContents
    main.sendIpc(IpcChannel.setNotificationChoices, { sender: office, senderFrame: fakeFrame('https://evil.example/') }, { knocks: true, invitations: true, mentions: true })
    main.sendIpc(IpcChannel.setNotificationChoices, { sender: office, senderFrame: fakeFrame(OFFICE_URL, fakeFrame('https://evil.example/')) }, { knocks: true, invitations: true, mentions: true })
    main.fromOffice({ knocks: 'yes', invitations: true, mentions: true })
    main.fromOffice({ knocks: true })
    main.fromOffice({ knocks: true, invitations: true, mentions: true }, 'extra')
    expect(main.log.mock.calls.filter(([message]) => String(message).startsWith('main: refused hallway:set-notification-choices'))).toHaveLength(5)

    main.tray(summaryWith({ knocks: [bobKnocks], invitations: [cyInvites] }))
    // A marker that must notify: once the office turns knocks back on, Dee's later knock shows, and nothing before it did.
    main.fromOffice({ knocks: true, invitations: false, mentions: true })
    main.tray(summaryWith({ knocks: [bobKnocks, { ...bobKnocks, userId: 'dee', name: 'Dee', at: 60 }], invitations: [cyInvites] }))
    expect(main.notifications.map((n) => n.options.title)).toEqual(['Dee is knocking'])
  })
})
