import { For, Show, createSignal } from 'solid-js'
import { useOffice } from './office-context'
import { openPulls, pullKey, type Pull } from './office-selectors'

/** My call is on another of my devices: say where, and offer to move it here. */
export function CallElsewhereBanner() {
  const office = useOffice()
  const room = () => {
    const id = office.view().me.callElsewhere
    return id === null ? null : (office.view().rooms[id]?.name ?? 'a room')
  }
  return (
    <Show when={room()}>
      {(name) => (
        <div class="banner banner--device">
          <span class="banner-text">You're in {name()} on your other device</span>
          <button type="button" class="button button--small button--primary" onClick={() => void office.run({ type: 'claimMedia' })}>
            Move call here
          </button>
        </div>
      )}
    </Show>
  )
}

/** My invitation until it is answered, cancelled or expires: who I am waiting for, and Cancel. */
export function PendingInvite() {
  const office = useOffice()
  const invitee = () => {
    const pull = office.view().me.pull
    return pull === null ? null : (office.view().members[pull.to]?.name ?? 'them')
  }
  return (
    <Show when={invitee()}>
      {(name) => (
        <div class="banner banner--pending" role="group" aria-label={`Invited — waiting for ${name()}`}>
          <span class="banner-text">
            Invited — waiting for <strong>{name()}</strong>
          </span>
          <button
            type="button"
            class="button button--small"
            aria-label={`Cancel invitation to ${name()}`}
            onClick={() => void office.run({ type: 'cancelPull' })}
          >
            Cancel
          </button>
        </div>
      )}
    </Show>
  )
}

/** Invitations into other people's rooms, each with Accept and Decline. */
export function PullInvites() {
  const office = useOffice()
  const [answered, setAnswered] = createSignal<ReadonlySet<string>>(new Set())
  const pulls = () => openPulls(office.view(), answered())
  const answer = async (pull: Pull, accept: boolean) => {
    const result = await office.run({ type: 'answerPull', fromUserId: pull.from, accept })
    // A refused answer (expired, locked since) is done with too: the notice says why.
    setAnswered(new Set([...answered(), pullKey(pull)]))
    return result
  }
  return (
    <div class="invites" aria-live="polite">
      <For each={pulls()}>
        {(pull) => {
          const from = () => office.view().members[pull.from]?.name ?? 'Someone'
          const room = () => office.view().rooms[pull.room]?.name ?? 'a room'
          const text = () => `${from()} invites you to ${room()}`
          return (
            <div class="banner banner--invite" role="group" aria-label={text()}>
              <span class="banner-text">
                <strong>{from()}</strong> invites you to <strong>{room()}</strong>
              </span>
              <button type="button" class="button button--small button--primary" onClick={() => void answer(pull, true)}>
                Accept
              </button>
              <button type="button" class="button button--small" onClick={() => void answer(pull, false)}>
                Decline
              </button>
            </div>
          )
        }}
      </For>
    </div>
  )
}
