import { Show, createSignal } from 'solid-js'
import type { RoomView } from '../../shared/contract/view'
import { Dialog, DialogActions, FormError } from '../ui/Dialog'
import { MoreIcon } from '../ui/icons'
import { MoveToFloorDialog } from './FloorDialogs'
import { Menu } from '../ui/Menu'
import { useOffice } from './office-context'
import { occupantsOf, roomsInOrder } from './office-selectors'
import { RoomSettingsDialog } from './RoomSettingsDialog'
import { moveRoom } from './room-order'

/** Room admin: rename, kind and capacity, floor, move up or down the grid, delete (with a confirmation); only for those who may manage rooms. */
export function RoomMenu(props: { room: RoomView; onRename: () => void }) {
  const office = useOffice()
  const [confirming, setConfirming] = createSignal(false)
  const [editing, setEditing] = createSignal(false)
  const [moving, setMoving] = createSignal(false)
  const ids = () => roomsInOrder(office.view()).map((room) => room.id)
  const move = (delta: -1 | 1) => void office.run({ type: 'reorderRooms', roomIds: moveRoom(ids(), props.room.id, delta) })
  const index = () => ids().indexOf(props.room.id)

  return (
    <Show when={office.view().me.managesRooms}>
      <Menu
        label="Room options"
        icon={<MoreIcon />}
        items={[
          { label: 'Rename', onSelect: props.onRename },
          { label: 'Kind and capacity…', onSelect: () => setEditing(true) },
          { label: 'Move to floor…', onSelect: () => setMoving(true) },
          { label: 'Move up', onSelect: () => move(-1), disabled: index() <= 0 },
          { label: 'Move down', onSelect: () => move(1), disabled: index() >= ids().length - 1 },
          { label: 'Delete room', onSelect: () => setConfirming(true), danger: true },
        ]}
      />
      <Show when={editing()}>
        <RoomSettingsDialog room={props.room} onClose={() => setEditing(false)} />
      </Show>
      <Show when={moving()}>
        <MoveToFloorDialog room={props.room} onClose={() => setMoving(false)} />
      </Show>
      <Show when={confirming()}>
        <DeleteRoomDialog room={props.room} onClose={() => setConfirming(false)} />
      </Show>
    </Show>
  )
}

function DeleteRoomDialog(props: { room: RoomView; onClose: () => void }) {
  const office = useOffice()
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
  const confirm = async () => {
    setBusy(true)
    const result = await office.attempt({ type: 'deleteRoom', roomId: props.room.id })
    setBusy(false)
    if (result.ok) props.onClose()
    else setError(result.error)
  }
  // Refused up front, naming who is inside, rather than after a confirmation.
  const inside = () => occupantsOf(office.view(), props.room).map((member) => member.name)
  const description = () =>
    inside().length > 0
      ? `${inside().join(', ')} ${inside().length === 1 ? 'is' : 'are'} inside. A room is deleted once everyone has left it.`
      : "The room leaves everyone's office. This can't be undone."
  return (
    <Dialog title={`Delete ${props.room.name}?`} description={description()} onClose={props.onClose}>
      <FormError error={error()} />
      <DialogActions confirm="Delete room" danger busy={busy() || inside().length > 0} onCancel={props.onClose} onConfirm={() => void confirm()} />
    </Dialog>
  )
}
