import { createSignal } from 'solid-js'
import { defaultAvatarFor, readAvatar, spriteIndexOf } from '../../shared/model/schema'
import { useAvatarPhotos } from './avatar-photos'
import { spriteUrl } from './avatar-sprites'

interface AvatarProps {
  userId: string
  name: string
  /** `sprite:N` or `photo:<sha256>`; anything else falls back to the member's default sprite. */
  avatar: string
  size: number
  /** Tooltip and accessible description: what the marks drawn around it say. */
  title?: string | undefined
}

/**
 * One member, one <img> named by its alt text. A sprite is its own small SVG file, crisp at any
 * size and cached for good. A photo comes from the server by its hash (cached for good); one that
 * fails to load shows the default sprite.
 */
export function Avatar(props: AvatarProps) {
  const photos = useAvatarPhotos()
  const [failedPhoto, setFailedPhoto] = createSignal<string | null>(null)
  const src = () => {
    const choice = readAvatar(props.avatar, props.userId)
    if (choice.kind === 'photo' && photos && failedPhoto() !== choice.sha256) return photos.url(choice.sha256)
    const sprite = choice.kind === 'sprite' ? choice.index : (spriteIndexOf(defaultAvatarFor(props.userId)) ?? 0)
    return spriteUrl(sprite)
  }
  return (
    <img
      class="avatar"
      src={src()}
      alt={props.name}
      title={props.title || undefined}
      width={props.size}
      height={props.size}
      draggable={false}
      onError={() => {
        const choice = readAvatar(props.avatar, props.userId)
        if (choice.kind === 'photo') setFailedPhoto(choice.sha256)
      }}
    />
  )
}
