import { For } from 'solid-js'
import atlasUrl from '../../resources/avatars/atlas.svg?url'
import { AVATAR_SPRITE_COUNT, spriteAvatar } from '../../shared/model/schema'

const SPRITES = Array.from({ length: AVATAR_SPRITE_COUNT }, (_, index) => index)

/** The atlas's sprites as one radio group: arrow keys move, the picked one is ringed. */
export function AvatarPicker(props: { value: string; onChange: (avatar: string) => void }) {
  return (
    <fieldset class="field avatar-picker">
      <legend class="field-label">Avatar</legend>
      <div class="avatar-grid">
        <For each={SPRITES}>
          {(index) => (
            <label class="avatar-option" classList={{ 'avatar-option--picked': props.value === spriteAvatar(index) }}>
              <input
                type="radio"
                name="profile-avatar"
                class="overlay-input"
                aria-label={`Avatar ${index + 1}`}
                checked={props.value === spriteAvatar(index)}
                onChange={() => props.onChange(spriteAvatar(index))}
              />
              <img src={`${atlasUrl}#avatar-${index}`} alt="" width={40} height={40} draggable={false} />
            </label>
          )}
        </For>
      </div>
    </fieldset>
  )
}
