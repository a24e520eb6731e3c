// A per-device preference in localStorage, read back through a schema: a value another version
// wrote, or a storage the browser refuses, gives the fallback instead of an error.
import type { z } from 'zod'

export interface LocalSetting<T> {
  read(): T
  write(value: T): void
}

export function localSetting<S extends z.ZodType>(key: string, schema: S, fallback: z.infer<S>, storage: () => Storage = () => localStorage): LocalSetting<z.infer<S>> {
  return {
    read() {
      try {
        const raw = storage().getItem(key)
        const parsed = raw === null ? null : schema.safeParse(JSON.parse(raw))
        return parsed?.success ? parsed.data : fallback
      } catch {
        return fallback
      }
    },
    write(value) {
      try {
        storage().setItem(key, JSON.stringify(value))
      } catch {
        // Private mode or a full disk: the choice holds for this session only.
      }
    },
  }
}
