import atlasUrl from '../../resources/avatars/atlas.svg?url'
import { defaultAvatarFor, spriteIndexOf } from '../../shared/model/schema'

interface AvatarProps {
  userId: string
  name: string
  /** `sprite:N`; anything else (an uploaded image ref) falls back to the member's default sprite. */
  avatar: string
  size: number
  /** Tooltip and accessible description: what the marks drawn around it say. */
  title?: string | undefined
}

/**
 * One member, one <img> named by its alt text. The atlas has an SVG <view> per sprite, so
 * `atlas.svg#avatar-N` draws that sprite alone, crisp at any size, from one cached file.
 */
export function Avatar(props: AvatarProps) {
  const sprite = () => spriteIndexOf(props.avatar) ?? spriteIndexOf(defaultAvatarFor(props.userId)) ?? 0
  return (
    <img
      class="avatar"
      src={`${atlasUrl}#avatar-${sprite()}`}
      alt={props.name}
      title={props.title || undefined}
      width={props.size}
      height={props.size}
      draggable={false}
    />
  )
}
