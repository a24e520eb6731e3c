import { For, Show, createSignal, type JSX } from 'solid-js'
import { RenameFloorDialog } from './FloorDialogs'
import { floorsOf, tallyText, type OnlineTally } from './floors'
import { useOffice } from './office-context'

/**
 * The floors as a row of toggle buttons, each with the number of people in its rooms (Tab, then
 * Enter or Space, like any button), then everyone online with those in the hallway, who are on no
 * floor: the floors' counts and the hallway's add up to the online total.
 */
export function FloorSwitcher(props: { floor: string | null; onPick: (floor: string) => void; tally: OnlineTally; children?: JSX.Element }) {
  const office = useOffice()
  const [renaming, setRenaming] = createSignal(false)
  const floors = () => floorsOf(office.view())
  const tally = () => tallyText(props.tally, office.view().connection.state)
  return (
    <Show when={props.floor}>
      {(current) => (
        <nav class="floors" aria-label="Floors">
          <ul class="floor-list">
            <For each={floors()}>
              {(floor) => (
                <li>
                  <button
                    type="button"
                    class="floor-button"
                    aria-pressed={floor.name === current()}
                    data-unread={floor.unread > 0 ? '' : undefined}
                    onClick={() => props.onPick(floor.name)}
                  >
                    {/* Named by what it shows ("Roof 3 in rooms"), so the words spoken are the words seen. */}
                    {floor.name}{' '}
                    <span class="floor-count" title={`${floor.inRooms} in ${floor.name}'s rooms`}>
                      {floor.inRooms}
                      <span class="sr-only"> in rooms</span>
                    </span>
                    <Show when={floor.unread > 0}>
                      <span class="sr-only">, {floor.unread} unread</span>
                    </Show>
                  </button>
                </li>
              )}
            </For>
          </ul>
          <p class="floor-tally">{tally()}</p>
          <Show when={office.view().me.managesRooms}>
            <button type="button" class="button button--small floor-rename" onClick={() => setRenaming(true)}>
              Rename floor
            </button>
            <Show when={renaming()}>
              <RenameFloorDialog floor={current()} onClose={() => setRenaming(false)} onRenamed={props.onPick} />
            </Show>
          </Show>
          {props.children}
        </nav>
      )}
    </Show>
  )
}
