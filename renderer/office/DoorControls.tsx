import { For } from 'solid-js'
import type { DoorState } from '../../shared/model/schema'
import { DoorIcon, LockIcon } from '../ui/icons'
import { useOffice } from './office-context'

/** From each door state, what can be done to it, named for what it does. */
const DOOR_ACTIONS: Record<DoorState, ReadonlyArray<{ door: DoorState; label: string }>> = {
  open: [
    { door: 'closed', label: 'Close door' },
    { door: 'locked', label: 'Lock door' },
  ],
  closed: [
    { door: 'open', label: 'Open door' },
    { door: 'locked', label: 'Lock door' },
  ],
  locked: [
    { door: 'open', label: 'Unlock' },
    { door: 'closed', label: 'Unlock, keep closed' },
  ],
}

/** For those inside: move the door to either state it is not in. */
export function DoorControls(props: { roomId: string; door: DoorState }) {
  const office = useOffice()
  return (
    <div class="door-controls" role="group" aria-label="Door">
      <For each={DOOR_ACTIONS[props.door]}>
        {(action) => (
          <button
            type="button"
            class="button button--small button--quiet"
            onClick={() => void office.run({ type: 'setDoor', roomId: props.roomId, door: action.door })}
          >
            {action.door === 'locked' || props.door === 'locked' ? <LockIcon /> : <DoorIcon />}
            {action.label}
          </button>
        )}
      </For>
    </div>
  )
}
