// Electron's Tray and Menu: the tray icon and the menu main builds for it.
import type { ElectronApi } from '../../main/electron-api'
import type { TrayMenuItem } from '../../main/tray-menu'
import type { ReadyGate } from './ready-gate'

export class FakeTray {
  menu: unknown = null
  tooltip = ''
  destroyed = false
  constructor(readonly iconPath: string) {}
  setContextMenu(menu: unknown): void {
    this.menu = menu
  }
  setToolTip(text: string): void {
    this.tooltip = text
  }
  destroy(): void {
    this.destroyed = true
  }
}

const MENU_ITEM_TYPES = new Set(['normal', 'separator', 'submenu', 'checkbox', 'radio'])

/** What Menu.buildFromTemplate returns: the template, checked as Electron checks it (it throws on the same items). */
export class FakeMenu {
  readonly items: readonly TrayMenuItem[]
  constructor(template: readonly TrayMenuItem[]) {
    for (const item of template) {
      if (item.type !== undefined && !MENU_ITEM_TYPES.has(item.type)) throw new TypeError(`Unknown menu item type: ${String(item.type)}`)
      if (item.label === undefined && item.type === undefined) throw new TypeError('Invalid template for MenuItem: must have at least one of label, role or type')
      if (item.click !== undefined && typeof item.click !== 'function') throw new TypeError('Invalid template for MenuItem: click must be a function')
    }
    this.items = template
  }
  /** Plays the person choosing the enabled item whose label starts with `label`. */
  click(label: string): void {
    const item = this.items.find((candidate) => candidate.label?.startsWith(label))
    if (!item) throw new Error(`no menu item "${label}" in ${this.items.map((i) => i.label ?? '—').join(' | ')}`)
    if (item.enabled === false || !item.click) throw new Error(`menu item "${item.label}" cannot be chosen`)
    item.click()
  }
}

export function fakeTrayMenu(gate: ReadyGate) {
  const trays: FakeTray[] = []
  const api: Pick<ElectronApi, 'Tray' | 'Menu'> = {
    Tray: class extends FakeTray {
      constructor(iconPath: string) {
        gate.require('Tray')
        super(iconPath)
        trays.push(this)
      }
    },
    Menu: { buildFromTemplate: (template) => new FakeMenu(template) },
  }
  return { api, controls: { trays } }
}
