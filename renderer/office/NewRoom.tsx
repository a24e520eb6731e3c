import { Show, createSignal } from 'solid-js'
import { Limits } from '../../shared/model/limits'
import type { RoomKind } from '../../shared/model/schema'
import { Dialog, DialogActions, FormError } from '../ui/Dialog'
import { PlusIcon } from '../ui/icons'
import { useOffice } from './office-context'
import { RoomKindChoices } from './RoomKindChoices'

/** In the floor bar (or under "no rooms yet"): adds a room to the floor shown; only for those who may manage rooms. */
export function NewRoomButton(props: { floor: string | null }) {
  const office = useOffice()
  const [open, setOpen] = createSignal(false)
  return (
    <Show when={office.view().me.managesRooms}>
      <button type="button" class="button button--small new-room" onClick={() => setOpen(true)}>
        <PlusIcon />
        New room
      </button>
      <Show when={open()}>
        <NewRoomDialog floor={props.floor} onClose={() => setOpen(false)} />
      </Show>
    </Show>
  )
}

function NewRoomDialog(props: { floor: string | null; onClose: () => void }) {
  const office = useOffice()
  const [name, setName] = createSignal('')
  const [kind, setKind] = createSignal<RoomKind>('open')
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)

  const create = async (event: SubmitEvent) => {
    event.preventDefault()
    setBusy(true)
    const result = await office.attempt({ type: 'createRoom', name: name().trim(), kind: kind(), ...(props.floor === null ? {} : { floor: props.floor }) })
    setBusy(false)
    if (result.ok) props.onClose()
    else setError(result.error)
  }

  return (
    <Dialog title="New room" description="Everyone in the team sees it at once." onClose={props.onClose}>
      <form class="form" onSubmit={(event) => void create(event)}>
        <label class="field">
          <span class="field-label">Name</span>
          <input required value={name()} maxLength={Limits.roomName} placeholder="Design studio" onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <RoomKindChoices kind={kind()} onChange={setKind} />
        <FormError error={error()} />
        <DialogActions confirm="Create room" busy={busy()} onCancel={props.onClose} />
      </form>
    </Dialog>
  )
}
