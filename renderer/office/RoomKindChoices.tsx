import { For } from 'solid-js'
import type { RoomKind } from '../../shared/model/schema'

const KINDS: ReadonlyArray<{ kind: RoomKind; label: string; help: string }> = [
  { kind: 'open', label: 'Open', help: 'Drop in any time; mics start on.' },
  { kind: 'meeting', label: 'Meeting', help: 'For calls with a purpose; mics start on.' },
  { kind: 'focus', label: 'Focus', help: 'Quiet work together; mics start off.' },
]

/** The three kinds of room as radio cards, each saying what it means for the people inside. */
export function RoomKindChoices(props: { kind: RoomKind; onChange: (kind: RoomKind) => void }) {
  return (
    <fieldset class="field">
      <legend class="field-label">Kind</legend>
      <div class="kind-choices">
        <For each={KINDS}>
          {(option) => (
            <label class={`kind-choice kind-choice--${option.kind}`} classList={{ 'kind-choice--picked': props.kind === option.kind }}>
              <input type="radio" name="room-kind" class="overlay-input" checked={props.kind === option.kind} onChange={() => props.onChange(option.kind)} />
              <span class="kind-choice-label">{option.label}</span>
              <span class="kind-choice-help">{option.help}</span>
            </label>
          )}
        </For>
      </div>
    </fieldset>
  )
}
