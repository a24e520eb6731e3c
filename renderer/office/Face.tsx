import { createMemo } from 'solid-js'
import type { CallMark } from '../../shared/contract/call-activity'
import type { MemberView } from '../../shared/contract/view'
import { readStatusEmoji, statusEmojiValue } from '../../shared/model/status-emoji'
import { Avatar } from '../ui/Avatar'
import { statusEmojiUrl } from '../ui/status-emoji-images'
import { useFaceCard } from './face-card'
import { faceDescription } from './member-details'
import { statusLine } from './status-format'

/** The status emoji drawn on a face: the member's shipped symbol, or a speech bubble for a status with text only. */
function emojiImage(member: MemberView): string | undefined {
  const status = member.status
  if (!status || (!status.emoji && !status.text)) return undefined
  const read = readStatusEmoji(status.emoji)
  const image = read?.kind === 'image' ? read : readStatusEmoji(statusEmojiValue('chat'))
  return image?.kind === 'image' ? `url("${statusEmojiUrl(image.id)}")` : undefined
}

interface FaceProps {
  member: MemberView
  isMe: boolean
  now: number
  size: number
  /** Speaking and link quality, while they are in the call this device holds. */
  mark?: CallMark | undefined
  /** `occupant` in a room, `person` in a side list. */
  kind: 'occupant' | 'person'
}

/**
 * One member as two nodes: a button (their card on press) and their one named <img>. Every mark
 * (mic ring, speaking glow, screen, camera, away, do-not-disturb, status emoji, link, the name
 * under the face) is CSS on those two from the data attributes, so a change rewrites an attribute
 * of this member's nodes and nothing else; the img's title says the same in words.
 */
export function Face(props: FaceProps) {
  const openCard = useFaceCard()
  const m = () => props.member
  const on = (flag: boolean) => (flag ? '' : undefined)
  // A memo, so the clock's tick rewrites the title only of faces whose words changed.
  const title = createMemo(() => [m().name, faceDescription(m(), props.now, props.mark)].filter(Boolean).join(' — '))
  // Under the name where the list has room for names (the first day's "what is everyone up to"); in the title always.
  const statusText = createMemo(() => {
    const status = m().status
    return status ? statusLine({ ...status, dnd: false }, props.now) : ''
  })
  return (
    <button
      type="button"
      class={`face ${props.kind}`}
      classList={{ 'occupant--speaking': props.mark?.speaking === true }}
      data-member={m().id}
      data-mic={on(m().online && m().mic)}
      data-cam={on(m().online && m().cam)}
      data-screen={on(m().online && m().screen)}
      data-away={on(m().online && m().idle)}
      data-dnd={on(m().status?.dnd === true)}
      data-speaking={on(props.mark?.speaking === true)}
      data-link={props.mark && props.mark.quality !== 'unknown' ? props.mark.quality : undefined}
      data-name={m().name}
      data-me={on(props.isMe)}
      data-status={statusText() || undefined}
      style={{ '--emoji': emojiImage(m()) }}
      onClick={() => openCard(m().id)}
    >
      <Avatar userId={m().id} name={m().name} avatar={m().avatar} size={props.size} title={title()} />
    </button>
  )
}
