// The office's push-to-talk switch and key: remembered on this device, and listening to the key
// only while it is on and I am in a room (the mic follows the core, so the call follows in either build).
import { createEffect, onCleanup, type Accessor } from 'solid-js'
import { z } from 'zod'
import type { CommandResult, CoreCommand } from '../../shared/contract/commands'
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

export function usePushToTalk(
  view: Accessor<OfficeView>,
  attempt: (command: CoreCommand) => Promise<CommandResult>,
  notify: (text: string) => void,
): PushToTalk {
  const [on, set] = storedSignal('hallway.pushToTalk', z.boolean(), false)
  const [key, setKey] = storedSignal('hallway.pushToTalkKey', z.string().refine((code) => talkKeyProblem(code) === null), TALK_KEY)
  const setMic = (mic: boolean) =>
    void attempt({ type: 'setMic', on: mic }).then((result) => {
      if (!result.ok) notify(`Push-to-talk could not ${mic ? 'unmute' : 'mute'} you: ${result.error}`)
    })
  createEffect(() => {
    if (on() && view().me.room !== null) onCleanup(startPushToTalk(window, setMic, key()))
  })
  return { on, set, key, setKey }
}
