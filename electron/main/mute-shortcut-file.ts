import { join } from 'node:path'
import { MUTE_SHORTCUT, muteShortcutProblem } from '../../shared/contract/shortcuts'
import { readChoiceFile, saveChoiceFile } from './choice-file'

const FILE = 'mute-shortcut'

/** The mute shortcut chosen in Settings; the default when none was chosen or the file is not one we wrote. */
export function readMuteShortcut(userData: string, log: (message: string) => void): string {
  const text = readChoiceFile(userData, FILE)
  if (text === null) return MUTE_SHORTCUT
  if (muteShortcutProblem(text) === null) return text
  log(`main: ${join(userData, FILE)} does not hold a shortcut; muting with ${MUTE_SHORTCUT}`)
  return MUTE_SHORTCUT
}

export function saveMuteShortcut(userData: string, accelerator: string): void {
  saveChoiceFile(userData, FILE, accelerator)
}
