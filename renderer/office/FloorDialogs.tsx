import { For, createSignal, createUniqueId } from 'solid-js'
import type { RoomView } from '../../shared/contract/view'
import { Limits } from '../../shared/model/limits'
import { Dialog, DialogActions, FormError } from '../ui/Dialog'
import { useOffice } from './office-context'
import { floorsOf } from './floors'

/** Moves a room to an existing floor or to a new one named here. */
export function MoveToFloorDialog(props: { room: RoomView; onClose: () => void }) {
  const office = useOffice()
  const listId = createUniqueId()
  const [floor, setFloor] = createSignal(props.room.floor)
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
  const save = async (event: SubmitEvent) => {
    event.preventDefault()
    setBusy(true)
    const result = await office.attempt({ type: 'setRoomFloor', roomId: props.room.id, floor: floor().trim() })
    setBusy(false)
    if (result.ok) props.onClose()
    else setError(result.error)
  }
  return (
    <Dialog title={`Move ${props.room.name}`} description="Pick a floor, or type a new floor's name." onClose={props.onClose}>
      <form class="form" onSubmit={(event) => void save(event)}>
        <label class="field">
          <span class="field-label">Floor</span>
          <input required list={listId} maxLength={Limits.floorName} value={floor()} onInput={(e) => setFloor(e.currentTarget.value)} />
          <datalist id={listId}>
            <For each={floorsOf(office.view())}>{(known) => <option value={known.name} />}</For>
          </datalist>
        </label>
        <FormError error={error()} />
        <DialogActions confirm="Move room" busy={busy()} onCancel={props.onClose} />
      </form>
    </Dialog>
  )
}

/** Renames a floor: every room on it moves to the new name at once. */
export function RenameFloorDialog(props: { floor: string; onClose: () => void; onRenamed: (name: string) => void }) {
  const office = useOffice()
  const [name, setName] = createSignal(props.floor)
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
  const save = async (event: SubmitEvent) => {
    event.preventDefault()
    const to = name().trim()
    setBusy(true)
    const result = to === props.floor ? { ok: true as const } : await office.attempt({ type: 'renameFloor', from: props.floor, to })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    props.onRenamed(to)
    props.onClose()
  }
  return (
    <Dialog title={`Rename ${props.floor}`} description="Everyone in the team sees the new name at once." onClose={props.onClose}>
      <form class="form" onSubmit={(event) => void save(event)}>
        <label class="field">
          <span class="field-label">Floor name</span>
          <input required maxLength={Limits.floorName} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <FormError error={error()} />
        <DialogActions confirm="Rename floor" busy={busy()} onCancel={props.onClose} />
      </form>
    </Dialog>
  )
}
