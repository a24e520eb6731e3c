// The office's push-to-talk switch: remembered on this device, and listening to Space only while
// it is on and I am in a room (the mic follows the core, so the call follows in either build).
import { createEffect, createSignal, onCleanup, type Accessor } from 'solid-js'
import { z } from 'zod'
import type { CommandResult, CoreCommand } from '../../shared/contract/commands'
import type { OfficeView } from '../../shared/contract/view'
import { localSetting } from '../ui/local-setting'
import { startPushToTalk } from './push-to-talk'

const setting = localSetting('hallway.pushToTalk', z.boolean(), false)

export interface PushToTalk {
  on: Accessor<boolean>
  set(on: boolean): void
}

export function usePushToTalk(
  view: Accessor<OfficeView>,
  attempt: (command: CoreCommand) => Promise<CommandResult>,
  notify: (text: string) => void,
): PushToTalk {
  const [on, setOn] = createSignal(setting.read())
  const setMic = (mic: boolean) =>
    void attempt({ type: 'setMic', on: mic }).then((result) => {
      if (!result.ok) notify(`Push-to-talk could not ${mic ? 'unmute' : 'mute'} you: ${result.error}`)
    })
  createEffect(() => {
    if (on() && view().me.room !== null) onCleanup(startPushToTalk(window, setMic))
  })
  return {
    on,
    set(next) {
      setOn(next)
      setting.write(next)
    },
  }
}
