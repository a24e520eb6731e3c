import { defaultAvatarFor, readAvatar, spriteIndexOf } from '../../shared/model/schema'

const spriteFiles = import.meta.glob<string>('../../resources/avatars/sprites/avatar-*.svg', { query: '?raw', import: 'default', eager: true })
/** Each sprite's shapes, cut out of its file once: `<g id="sprite-N" …>shapes</g>`. */
const spriteShapes = new Map(
  Object.values(spriteFiles).flatMap((text) => [...text.matchAll(/<g id="sprite-(\d+)"[^>]*>(.*?)<\/g>/g)].map((match) => [Number(match[1]), match[2]!] as const)),
)
const tileClip = '<clipPath id="tile"><rect width="64" height="64" rx="14"/></clipPath>'

interface AvatarProps {
  userId: string
  name: string
  avatar: string
  size: number
  title?: string | undefined
}

/**
 * The baseline the office bench compares against: the same Avatar props drawn as an inline
 * <svg> carrying its sprite's shapes (as Pesto drew faces), instead of one <img> of its sprite file.
 * Bench only: the bench builds a variant of the web bundle with this in place of renderer/ui/Avatar.
 */
export function Avatar(props: AvatarProps) {
  const sprite = () => {
    const choice = readAvatar(props.avatar, props.userId)
    return choice.kind === 'sprite' ? choice.index : (spriteIndexOf(defaultAvatarFor(props.userId)) ?? 0)
  }
  return (
    <svg class="avatar" role="img" aria-label={props.name} width={props.size} height={props.size} viewBox="0 0 64 64">
      <title>{props.title ?? ''}</title>
      <defs innerHTML={tileClip} />
      <g clip-path="url(#tile)" innerHTML={spriteShapes.get(sprite()) ?? ''} />
    </svg>
  )
}
