import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { updateChannelSchema, type UpdateChannel } from '../../../shared/contract/updates'

const FILE = 'update-channel'

/** The channel chosen in settings; stable when none was chosen or the file is not one we wrote. */
export function readUpdateChannel(userData: string, log: (message: string) => void): UpdateChannel {
  let text: string
  try {
    text = readFileSync(join(userData, FILE), 'utf8').trim()
  } catch {
    return 'stable'
  }
  const parsed = updateChannelSchema.safeParse(text)
  if (parsed.success) return parsed.data
  log(`updates: ${join(userData, FILE)} does not name a channel (stable or beta); following stable`)
  return 'stable'
}

/** Saves atomically: a crash mid-write leaves the previous choice. */
export function saveUpdateChannel(userData: string, channel: UpdateChannel): void {
  mkdirSync(userData, { recursive: true })
  const temp = join(userData, `${FILE}.tmp`)
  writeFileSync(temp, channel)
  renameSync(temp, join(userData, FILE))
}
