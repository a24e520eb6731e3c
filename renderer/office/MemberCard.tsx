import { Show } from 'solid-js'
import type { MemberView } from '../../shared/contract/view'
import { Avatar } from '../ui/Avatar'
import { Dialog } from '../ui/Dialog'
import { StatusEmojiGlyph } from '../ui/StatusEmojiGlyph'
import { useOffice } from './office-context'
import { canInvite, personAction, whereabouts } from './office-selectors'
import { statusLine } from './status-format'
import { localTime } from './time-format'

/** Someone's card: who they are, their time and status, where they are, and what I can do about it. */
export function MemberCard(props: { member: MemberView; onClose: () => void }) {
  const office = useOffice()
  const m = () => props.member
  const time = () => localTime(m().timezone, office.now())
  const status = () => (m().status ? statusLine({ ...m().status!, dnd: false }, office.now()) : '')
  // Their room, when they are in one I am not in: walk in, or knock.
  const roomAction = () => {
    const action = personAction(office.view(), m())
    return action.kind === 'card' ? null : action
  }
  const roomName = (roomId: string) => office.view().rooms[roomId]?.name ?? 'their room'
  const act = (command: Parameters<typeof office.run>[0]) => {
    void office.run(command)
    props.onClose()
  }

  return (
    <Dialog title={m().name} description={m().title || undefined} onClose={props.onClose}>
      <div class="member-card">
        {/* Decorative: the member's one named <img> is in their room or the hallway. */}
        <span class="member-card-face" aria-hidden="true">
          <Avatar userId={m().id} name="" avatar={m().avatar} size={64} />
        </span>
        <dl class="member-card-facts">
          <dt>Where</dt>
          <dd>{whereabouts(office.view(), m())}</dd>
          <Show when={time()}>
            <dt>Local time</dt>
            <dd>{time()}</dd>
          </Show>
          <Show when={m().status}>
            {(current) => (
              <>
                <dt>Status</dt>
                <dd>
                  <StatusEmojiGlyph value={current().emoji} size={14} decorative={status() !== ''} /> {status()}
                  <Show when={current().dnd}> · Do not disturb</Show>
                </dd>
              </>
            )}
          </Show>
        </dl>
      </div>
      <div class="dialog-actions">
        <Show when={roomAction()}>
          {(go) => (
            <button type="button" class="button" onClick={() => act({ type: go().kind === 'enter' ? 'enterRoom' : 'knock', roomId: go().roomId })}>
              {go().kind === 'enter' ? 'Go to' : 'Knock on'} {roomName(go().roomId)}
            </button>
          )}
        </Show>
        <Show when={canInvite(office.view(), m())}>
          <button
            type="button"
            class="button"
            onClick={() => {
              // Before closing: the card's member is gone once it unmounts.
              office.invite(m())
              props.onClose()
            }}
          >
            Invite here
          </button>
        </Show>
        <button type="button" class="button button--primary" onClick={() => props.onClose()}>
          Close
        </button>
      </div>
    </Dialog>
  )
}
