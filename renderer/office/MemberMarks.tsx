import { Show } from 'solid-js'
import type { CallMark } from '../../shared/contract/call-activity'
import type { MemberView } from '../../shared/contract/view'
import { readStatusEmoji, statusEmojiValue } from '../../shared/model/status-emoji'
import { CameraIcon, MicIcon, MicOffIcon, PlusIcon, ScreenIcon } from '../ui/icons'
import { StatusEmojiGlyph } from '../ui/StatusEmojiGlyph'
import { callSpeech, linkLabel, presenceSpeech } from './member-details'
import { statusLine } from './status-format'

/**
 * A member's status emoji, the app's own image named by its label (a speech bubble for a status
 * with text only); the text and expiry are in the tooltip.
 */
export function StatusEmoji(props: { member: MemberView; now: number }) {
  const status = () => props.member.status
  const shown = () => {
    const emoji = status()?.emoji ?? ''
    return readStatusEmoji(emoji) ? emoji : statusEmojiValue('chat')
  }
  return (
    <Show when={status()?.emoji || status()?.text}>
      <span class="status-emoji" title={statusLine({ ...status()!, dnd: false }, props.now)}>
        <StatusEmojiGlyph value={shown()} size={16} />
      </span>
    </Show>
  )
}

/** A red dot on the avatar while someone asked not to be disturbed. */
export function DndDot(props: { member: MemberView }) {
  return (
    <Show when={props.member.status?.dnd}>
      <span class="dnd-dot" title="Do not disturb" aria-hidden="true" />
    </Show>
  )
}

/**
 * Screen, camera and mic as a row of icons under the avatar: a fixed size, so they never reach
 * past the member, and always one row (the mic mark is always there), so turning a camera on
 * changes no height.
 */
export function MediaBadges(props: { member: MemberView }) {
  return (
    <span class="media-badges">
      <Show when={props.member.screen}>
        <span class="media-badge media-badge--screen" data-media="screen" title="Sharing their screen">
          <ScreenIcon />
          <span class="sr-only">Sharing their screen.</span>
        </span>
      </Show>
      <Show when={props.member.cam}>
        <span class="media-badge media-badge--cam" data-media="cam" title="Camera on">
          <CameraIcon />
          <span class="sr-only">Camera on.</span>
        </span>
      </Show>
      <span class="media-badge media-badge--mic" classList={{ 'media-badge--live': props.member.mic }} data-media="mic" title={props.member.mic ? 'Mic on' : 'Muted'}>
        {props.member.mic ? <MicIcon /> : <MicOffIcon />}
        <span class="sr-only">{props.member.mic ? 'Mic on.' : 'Muted.'}</span>
      </span>
    </span>
  )
}

export function AwayTag(props: { member: MemberView }) {
  return (
    <Show when={props.member.online && props.member.idle}>
      <span class="away-tag" aria-hidden="true">
        away
      </span>
    </Show>
  )
}

/** In my call: signal bars for the member's link, named in the tooltip ("Poor connection"). */
export function LinkMark(props: { mark: CallMark | undefined }) {
  const label = () => (props.mark ? linkLabel(props.mark.quality) : '')
  return (
    <Show when={label()}>
      <span class={`link-mark link-mark--${props.mark!.quality}`} title={label()} aria-hidden="true">
        <i />
        <i />
        <i />
      </span>
    </Show>
  )
}

/** The marks above (and, in my call, speaking and link) as one sentence for screen readers. */
export function PresenceSpeech(props: { member: MemberView; now: number; mark?: CallMark | undefined }) {
  return (
    <Show when={[presenceSpeech(props.member, props.now), callSpeech(props.mark)].filter(Boolean).join(' ')}>
      {(text) => <span class="sr-only">{text()}</span>}
    </Show>
  )
}

/** Invites someone into the room I am in (a pull); they accept or decline. */
export function InviteButton(props: { member: MemberView; onInvite: (member: MemberView) => void; compact?: boolean }) {
  const label = () => `Invite ${props.member.name} to this room`
  return (
    <button
      type="button"
      class="invite-button"
      classList={{ 'invite-button--compact': props.compact }}
      aria-label={label()}
      title={label()}
      onClick={() => props.onInvite(props.member)}
    >
      <PlusIcon />
      <Show when={!props.compact}>
        <span aria-hidden="true">Invite</span>
      </Show>
    </button>
  )
}
