// The office's push-to-talk switch and key: remembered on this device, and listening to the key
// only while it is on and I am in a room (the mic follows the core, so the call follows in either build).
import { createEffect, onCleanup, type Accessor } from 'solid-js'
import type { CommandResult, CoreCommand } from '../../shared/contract/commands'
import { boolean, readerOf } from '../../shared/contract/value-checks'
import type { OfficeView } from '../../shared/contract/view'
import { storedSignal } from '../ui/stored-signal'
import { TALK_KEY, startPushToTalk, talkKeyProblem } from './push-to-talk'

export interface PushToTalk {
  on: Accessor<boolean>
  set(on: boolean): void
  /** The KeyboardEvent.code held to talk. */
  key: Accessor<string>
  setKey(code: string): void
}

/** A stored push-to-talk key: a key code push to talk can hold, or undefined. */
export const readTalkKey = (value: unknown): string | undefined => (typeof value === 'string' && talkKeyProblem(value) === null ? value : undefined)

export function usePushToTalk(
  view: Accessor<OfficeView>,
  attempt: (command: CoreCommand) => Promise<CommandResult>,
  notify: (text: string) => void,
): PushToTalk {
  const [on, set] = storedSignal('hallway.pushToTalk', readerOf(boolean), false)
  const [key, setKey] = storedSignal('hallway.pushToTalkKey', readTalkKey, TALK_KEY)
  const setMic = (mic: boolean) =>
    void attempt({ type: 'setMic', on: mic }).then((result) => {
      if (!result.ok) notify(`Push-to-talk could not ${mic ? 'unmute' : 'mute'} you: ${result.error}`)
    })
  createEffect(() => {
    if (on() && view().me.room !== null) onCleanup(startPushToTalk(window, setMic, key()))
  })
  return { on, set, key, setKey }
}
