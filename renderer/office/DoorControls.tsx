import { For } from 'solid-js'
import type { DoorState } from '../../shared/model/schema'
import { DoorIcon, LockIcon } from '../ui/icons'
import { useOffice } from './office-context'

const DOOR_ACTIONS: ReadonlyArray<{ door: DoorState; label: string }> = [
  { door: 'open', label: 'Open door' },
  { door: 'closed', label: 'Close door' },
  { door: 'locked', label: 'Lock door' },
]

/** For those inside: set the door to the two states it is not in. */
export function DoorControls(props: { roomId: string; door: DoorState }) {
  const office = useOffice()
  return (
    <div class="door-controls" role="group" aria-label="Door">
      <For each={DOOR_ACTIONS.filter((action) => action.door !== props.door)}>
        {(action) => (
          <button
            type="button"
            class="button button--small button--quiet"
            onClick={() => void office.run({ type: 'setDoor', roomId: props.roomId, door: action.door })}
          >
            {action.door === 'locked' ? <LockIcon /> : <DoorIcon />}
            {action.label}
          </button>
        )}
      </For>
    </div>
  )
}
