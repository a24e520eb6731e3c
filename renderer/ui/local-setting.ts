// A per-device preference in localStorage, read back through a reader: a value another version
// wrote, or a storage the browser refuses, gives the fallback instead of an error.

/** A stored value's checked copy, or undefined where it does not fit (a reader never throws). */
export type SettingReader<T> = (value: unknown) => T | undefined

export interface LocalSetting<T> {
  read(): T
  write(value: T): void
}

export function localSetting<T>(key: string, reader: SettingReader<T>, fallback: T, storage: () => Storage = () => localStorage): LocalSetting<T> {
  return {
    read() {
      try {
        const raw = storage().getItem(key)
        return (raw === null ? undefined : reader(JSON.parse(raw))) ?? fallback
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
