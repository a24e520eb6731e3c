import { createSignal } from 'solid-js'
import type { RoomView } from '../../shared/contract/view'
import type { RoomKind } from '../../shared/model/schema'
import { Dialog, DialogActions, FormError } from '../ui/Dialog'
import { useOffice } from './office-context'
import { RoomKindChoices } from './RoomKindChoices'

const MAX_CAPACITY = 10_000

/** A room's kind and capacity (0: no limit), changed for everyone at once. */
export function RoomSettingsDialog(props: { room: RoomView; onClose: () => void }) {
  const office = useOffice()
  const [kind, setKind] = createSignal<RoomKind>(props.room.kind)
  const [capacity, setCapacity] = createSignal(String(props.room.capacity))
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)

  const save = async (event: SubmitEvent) => {
    event.preventDefault()
    const cap = Number(capacity())
    if (!Number.isInteger(cap) || cap < 0 || cap > MAX_CAPACITY) {
      setError(`Capacity is a whole number from 0 (no limit) to ${MAX_CAPACITY}.`)
      return
    }
    setBusy(true)
    const results = [
      kind() === props.room.kind ? { ok: true as const } : await office.attempt({ type: 'setRoomKind', roomId: props.room.id, kind: kind() }),
      cap === props.room.capacity ? { ok: true as const } : await office.attempt({ type: 'setCapacity', roomId: props.room.id, capacity: cap }),
    ]
    setBusy(false)
    const failed = results.find((result) => !result.ok)
    if (failed && !failed.ok) setError(failed.error)
    else props.onClose()
  }

  return (
    <Dialog title={`${props.room.name} settings`} description="Everyone in the team sees the change at once." onClose={props.onClose}>
      <form class="form" onSubmit={(event) => void save(event)}>
        <RoomKindChoices kind={kind()} onChange={setKind} />
        <label class="field">
          <span class="field-label">Capacity (0 for no limit)</span>
          <input type="number" min="0" max={MAX_CAPACITY} step="1" required value={capacity()} onInput={(e) => setCapacity(e.currentTarget.value)} />
        </label>
        <FormError error={error()} />
        <DialogActions confirm="Save" busy={busy()} onCancel={props.onClose} />
      </form>
    </Dialog>
  )
}
