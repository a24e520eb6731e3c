import { join } from 'node:path'
import { updateChannelSchema, type UpdateChannel } from '../../../shared/contract/updates'
import { readChoiceFile, saveChoiceFile } from '../choice-file'

const FILE = 'update-channel'

/** The channel chosen in settings; stable when none was chosen or the file is not one we wrote. */
export function readUpdateChannel(userData: string, log: (message: string) => void): UpdateChannel {
  const text = readChoiceFile(userData, FILE)
  if (text === null) return 'stable'
  const parsed = updateChannelSchema.safeParse(text)
  if (parsed.success) return parsed.data
  log(`updates: ${join(userData, FILE)} does not name a channel (stable or beta); following stable`)
  return 'stable'
}

export function saveUpdateChannel(userData: string, channel: UpdateChannel): void {
  saveChoiceFile(userData, FILE, channel)
}
