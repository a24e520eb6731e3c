import { For, Show } from 'solid-js'
import { AVATAR_SPRITE_COUNT, readAvatar, spriteAvatar } from '../../shared/model/schema'
import { useAvatarPhotos } from '../ui/avatar-photos'
import { spriteUrl } from '../ui/avatar-sprites'
import type { PhotoChoice } from '../ui/photo-choice'

const SPRITES = Array.from({ length: AVATAR_SPRITE_COUNT }, (_, index) => index)

interface AvatarPickerProps {
  value: string
  onChange: (avatar: string) => void
  /** Offered where the host can upload (the web page, the desktop app): a photo of your own, first in the group. */
  photo?: PhotoChoice
  /** Radio group name, unique per form on the page. */
  name?: string
}

/** The atlas's sprites (and your photo) as one radio group: arrow keys move, the picked one is ringed. */
export function AvatarPicker(props: AvatarPickerProps) {
  const photos = useAvatarPhotos()
  const name = () => props.name ?? 'profile-avatar'
  // The photo option shows the one just picked, else the photo already in the profile.
  const photoOption = () => {
    const picked = props.photo?.prepared()
    if (picked) return { avatar: picked.avatar, src: picked.preview }
    const current = readAvatar(props.value, '')
    return current.kind === 'photo' && photos ? { avatar: props.value, src: photos.url(current.sha256) } : null
  }
  const pick = async (file: File | undefined) => {
    const avatar = file ? await props.photo?.pick(file) : null
    if (avatar) props.onChange(avatar)
  }
  return (
    <fieldset class="field avatar-picker">
      <legend class="field-label">Avatar</legend>
      <Show when={props.photo}>
        {(photo) => (
          <div class="avatar-photo-upload">
            <label class="field-label" for={`${name()}-photo`}>
              Upload a photo
            </label>
            <input
              id={`${name()}-photo`}
              type="file"
              accept="image/*"
              disabled={photo().preparing()}
              onChange={(event) => void pick(event.currentTarget.files?.[0])}
            />
            <Show when={photo().preparing()}>
              <span role="status">Preparing your photo…</span>
            </Show>
            <Show when={photo().error()}>
              {(error) => (
                <p class="form-error" role="alert">
                  {error()}
                </p>
              )}
            </Show>
          </div>
        )}
      </Show>
      <div class="avatar-grid">
        <Show when={photoOption()}>
          {(option) => (
            <label class="avatar-option" classList={{ 'avatar-option--picked': props.value === option().avatar }}>
              <input
                type="radio"
                name={name()}
                class="overlay-input"
                aria-label="Your photo"
                checked={props.value === option().avatar}
                onChange={() => props.onChange(option().avatar)}
              />
              <img src={option().src} alt="" width={40} height={40} draggable={false} />
            </label>
          )}
        </Show>
        <For each={SPRITES}>
          {(index) => (
            <label class="avatar-option" classList={{ 'avatar-option--picked': props.value === spriteAvatar(index) }}>
              <input
                type="radio"
                name={name()}
                class="overlay-input"
                aria-label={`Avatar ${index + 1}`}
                checked={props.value === spriteAvatar(index)}
                onChange={() => props.onChange(spriteAvatar(index))}
              />
              <img src={spriteUrl(index)} alt="" width={40} height={40} draggable={false} />
            </label>
          )}
        </For>
      </div>
    </fieldset>
  )
}
