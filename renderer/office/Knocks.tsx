import { For, Show } from 'solid-js'
import type { CoreCommand } from '../../shared/contract/commands'
import type { MemberView } from '../../shared/contract/view'
import { focusLeaveOnArrival } from './arrival-focus'
import { CardButton } from './CardButton'

type Run = (command: CoreCommand) => void

/** For those inside: who is knocking, to let in or turn away. */
export function KnockRequests(props: { knockers: MemberView[]; run: Run }) {
  return (
    <Show when={props.knockers.length > 0}>
      <ul class="knocks">
        <For each={props.knockers}>
          {(knocker) => (
            <li class="knock">
              <span class="knock-text">{knocker.name} is knocking</span>
              <CardButton small onClick={() => props.run({ type: 'answerKnock', userId: knocker.id, admit: true })}>
                Let in
              </CardButton>
              <CardButton small onClick={() => props.run({ type: 'answerKnock', userId: knocker.id, admit: false })}>
                Not now
              </CardButton>
            </li>
          )}
        </For>
      </ul>
    </Show>
  )
}

/** The room whose Knock was pressed last: its Cancel knock takes the focus as it replaces Knock. */
let knockedOn: string | null = null

/** For someone outside a closed door: knock, then wait (or give up). Let in, their Leave takes the focus. */
export function KnockButton(props: { roomId: string; roomName: string; knocking: boolean; run: Run }) {
  const knock = () => {
    knockedOn = props.roomId
    focusLeaveOnArrival(props.roomId)
    props.run({ type: 'knock', roomId: props.roomId })
  }
  const focusIfKnocked = (cancel: HTMLButtonElement) => {
    if (knockedOn !== props.roomId) return
    knockedOn = null
    queueMicrotask(() => cancel.focus())
  }
  return (
    <Show
      when={props.knocking}
      fallback={<CardButton label={`Knock on ${props.roomName}`} onClick={knock}>Knock</CardButton>}
    >
      <span class="knocking">Knocking…</span>
      <CardButton ref={focusIfKnocked} label={`Cancel knock on ${props.roomName}`} onClick={() => props.run({ type: 'cancelKnock' })}>Cancel knock</CardButton>
    </Show>
  )
}
