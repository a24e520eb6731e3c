import { createSignal } from 'solid-js'
import atlasUrl from '../../resources/avatars/atlas.svg?url'
import { defaultAvatarFor, readAvatar, spriteIndexOf } from '../../shared/model/schema'
import { useAvatarPhotos } from './avatar-photos'

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
 * One member, one <img> named by its alt text. The atlas has an SVG <view> per sprite, so
 * `atlas.svg#avatar-N` draws that sprite alone, crisp at any size, from one cached file. A photo
 * comes from the server by its hash (cached for good); one that fails to load shows the default sprite.
 */
export function Avatar(props: AvatarProps) {
  const photos = useAvatarPhotos()
  const [failedPhoto, setFailedPhoto] = createSignal<string | null>(null)
  const src = () => {
    const choice = readAvatar(props.avatar, props.userId)
    if (choice.kind === 'photo' && photos && failedPhoto() !== choice.sha256) return photos.url(choice.sha256)
    const sprite = choice.kind === 'sprite' ? choice.index : (spriteIndexOf(defaultAvatarFor(props.userId)) ?? 0)
    return `${atlasUrl}#avatar-${sprite}`
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
