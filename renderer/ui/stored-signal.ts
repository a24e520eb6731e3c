// A per-device preference as a solid signal: read once from localStorage, written back on each set.
import { createSignal, type Accessor } from 'solid-js'
import { localSetting, type SettingReader } from './local-setting'

export function storedSignal<T>(key: string, reader: SettingReader<T>, fallback: T): [Accessor<T>, (value: T) => void] {
  const setting = localSetting(key, reader, fallback)
  const [value, setValue] = createSignal<T>(setting.read())
  return [
    value,
    (next) => {
      setting.write(next)
      setValue(() => next)
    },
  ]
}
