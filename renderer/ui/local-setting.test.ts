import { describe, expect, it } from 'vitest'
import { localSetting } from './local-setting'
import { memoryStorage } from './testing/memory-storage'

describe('a local setting', () => {
  it('reads back what was written, and the fallback for nothing, garbage or another shape', () => {
    const storage = memoryStorage()
    const setting = localSetting('k', (value) => (typeof (value as { id?: unknown } | null)?.id === 'string' ? (value as { id: string }) : undefined), { id: 'default' }, () => storage)
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
    const setting = localSetting('k', (value) => (typeof value === 'boolean' ? value : undefined), false, refusing)
    setting.write(true)
    expect(setting.read()).toBe(false)
  })
})
