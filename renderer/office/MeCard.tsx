import { Show, createSignal } from 'solid-js'
import { Avatar } from '../ui/Avatar'
import { StatusEmojiGlyph } from '../ui/StatusEmojiGlyph'
import { useOffice } from './office-context'
import { ProfileDialog } from './ProfileDialog'
import { statusLine } from './status-format'
import { StatusDialog } from './StatusDialog'

/** Me, in the header: my status line, the buttons to change it and my profile. */
export function MeCard() {
  const office = useOffice()
  const [dialog, setDialog] = createSignal<'status' | 'profile' | null>(null)
  const me = () => office.view().members[office.view().me.userId]
  const status = () => me()?.status ?? null

  return (
    <div class="me-card">
      <Show when={me()}>
        {(member) => (
          <>
            {/* Decorative: the member's one named <img> is in their room or the hallway. */}
            <span class="me-avatar" aria-hidden="true">
              <Avatar userId={member().id} name="" avatar={member().avatar} size={34} />
            </span>
            <span class="me-text">
              <span class="me-name">{member().name}</span>
              <span class="me-status" classList={{ 'me-status--empty': !status() }}>
                <Show when={status()?.text || status()?.emoji ? status() : null} fallback="No status">
                  {(current) => (
                    <>
                      <StatusEmojiGlyph value={current().emoji} size={14} /> {statusLine({ ...current(), dnd: false }, office.now())}
                    </>
                  )}
                </Show>
              </span>
            </span>
          </>
        )}
      </Show>
      <Show when={status()?.dnd}>
        <span class="dnd-pill" title="Knocks and invitations wait until you turn this off">
          Do not disturb
        </span>
      </Show>
      <button type="button" class="button button--small" onClick={() => setDialog('status')}>
        Set status
      </button>
      <button type="button" class="button button--small" disabled={!me()} onClick={() => setDialog('profile')}>
        Edit profile
      </button>
      <Show when={dialog() === 'status'}>
        <StatusDialog current={status()} onClose={() => setDialog(null)} />
      </Show>
      <Show when={dialog() === 'profile' && me()}>{(member) => <ProfileDialog member={member()} onClose={() => setDialog(null)} />}</Show>
    </div>
  )
}
