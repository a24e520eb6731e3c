import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { localSetting } from './local-setting'

function memoryStorage(): Storage {
  const items = new Map<string, string>()
  return {
    get length() {
      return items.size
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  }
}

describe('a local setting', () => {
  it('reads back what was written, and the fallback for nothing, garbage or another shape', () => {
    const storage = memoryStorage()
    const setting = localSetting('k', z.object({ id: z.string() }), { id: 'default' }, () => storage)
    expect(setting.read()).toEqual({ id: 'default' })
    setting.write({ id: 'usb-mic' })
    expect(setting.read()).toEqual({ id: 'usb-mic' })
    storage.setItem('k', '{oops')
    expect(setting.read()).toEqual({ id: 'default' })
    storage.setItem('k', '{"id": 7}')
    expect(setting.read()).toEqual({ id: 'default' })
  })

  it('falls back when the browser refuses storage', () => {
    const refusing = () => {
      throw new Error('SecurityError')
    }
    const setting = localSetting('k', z.boolean(), false, refusing)
    setting.write(true)
    expect(setting.read()).toBe(false)
  })
})
