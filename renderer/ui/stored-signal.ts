// A per-device preference as a solid signal: read once from localStorage, written back on each set.
import { createSignal, type Accessor } from 'solid-js'
import type { z } from 'zod'
import { localSetting } from './local-setting'

export function storedSignal<S extends z.ZodType>(key: string, schema: S, fallback: z.infer<S>): [Accessor<z.infer<S>>, (value: z.infer<S>) => void] {
  const setting = localSetting(key, schema, fallback)
  const [value, setValue] = createSignal<z.infer<S>>(setting.read())
  return [
    value,
    (next) => {
      setting.write(next)
      setValue(() => next)
    },
  ]
}
