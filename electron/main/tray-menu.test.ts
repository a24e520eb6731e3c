import { describe, expect, it, vi } from 'vitest'
import type { TraySummary } from '../../shared/contract/tray'
import { trayMenuTemplate, trayTooltip } from './tray-menu'

const summary: TraySummary = {
  connection: 'online',
  me: { room: null, roomName: null, mic: false, dnd: false, callElsewhere: 'kitchen' },
  rooms: [
    { id: 'kitchen', name: 'Kitchen', door: 'open', occupants: ['Ada', 'Bo', '+3'] },
    { id: 'vault', name: 'Vault', door: 'locked', occupants: ['Cy'] },
  ],
  knocks: [],
  invitations: [],
  mentions: [],
}

describe('trayMenuTemplate', () => {
  it('lists rooms with who is inside; locked rooms cannot be entered; the call can move here', () => {
    const actions = { run: vi.fn(), openOffice: vi.fn(), quit: vi.fn() }
    const menu = trayMenuTemplate(summary, actions)
    const labels = menu.map((item) => item.label ?? '---')
    expect(labels).toEqual([
      'Online',
      'In a call on your other device — move it here',
      '---',
      'Kitchen — Ada, Bo, +3',
      'Vault (locked) — Cy',
      '---',
      'Open Hallway',
      'Quit Hallway',
    ])
    expect(menu.find((item) => item.label?.startsWith('Vault'))!.enabled).toBe(false)
    menu.find((item) => item.label?.startsWith('Kitchen'))!.click!()
    menu[1]!.click!()
    expect(actions.run.mock.calls).toEqual([[{ type: 'enterRoom', roomId: 'kitchen' }], [{ type: 'claimMedia' }]])
  })

  it('says where I am and whether I am muted', () => {
    expect(trayTooltip({ ...summary, me: { ...summary.me, room: 'kitchen', roomName: 'Kitchen', mic: false } })).toBe('Hallway — in Kitchen (muted)')
    expect(trayTooltip({ ...summary, connection: 'offline' })).toBe('Hallway — Offline — reconnecting')
  })
})
