import { createSignal, Show } from 'solid-js'
import { Limits } from '../../shared/model/limits'
import { AVATAR_SPRITE_COUNT, spriteAvatar } from '../../shared/model/schema'
import { AvatarPicker } from '../office/AvatarPicker'
import { avatarPhotos } from '../ui/avatar-photos'
import { createPhotoChoice } from '../ui/photo-choice'
import { acceptInvite } from './join-team'
import type { Launch } from './launch-params'
import '../ui/base.css'
import '../office/dialogs.css'
import './sign-in.css'

export interface Joined {
  launch: Launch
  /** The avatar picked on the form, for the core to write once the team has synced; null keeps the default. */
  avatar: string | null
}

/** An invite link's form: your name and avatar, then you are in the office as a new member. */
export function JoinForm(props: { serverUrl: string; code: string; onJoined: (joined: Joined) => void }) {
  const [name, setName] = createSignal('')
  // A sprite is picked from the start, so the grid shows what the member gets if they change nothing.
  const [avatar, setAvatar] = createSignal(spriteAvatar(Math.floor(Math.random() * AVATAR_SPRITE_COUNT)))
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
  // Joined, but the photo did not reach the server: said here before the office opens.
  const [unsaved, setUnsaved] = createSignal<{ joined: Joined; reason: string } | null>(null)
  const photo = createPhotoChoice()

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    const trimmed = name().trim()
    if (!trimmed) return setError('Enter your name: it is how your team sees you.')
    setBusy(true)
    setError(null)
    try {
      const issued = await acceptInvite(props.serverUrl, props.code, trimmed)
      const launch = { serverUrl: props.serverUrl, teamId: issued.teamId, token: issued.token }
      // The invite is spent on this member now: a failed upload keeps the default avatar rather
      // than sending them back to a form that would make a second member.
      const failed = await photo
        .uploadIfPicked(avatar(), avatarPhotos(props.serverUrl, () => issued.token).upload)
        .then(() => null)
        .catch((failure: unknown) => (failure instanceof Error ? failure.message : String(failure)))
      if (failed === null) return props.onJoined({ launch, avatar: avatar() })
      setUnsaved({ joined: { launch, avatar: null }, reason: failed.replace(/[.\s]+$/, '').replace(/^./, (first) => first.toLowerCase()) })
    } catch (failure) {
      setError((failure as Error).message)
      setBusy(false)
    }
  }

  return (
    <main class="sign-in">
      <Show when={unsaved()} fallback={form()}>
        {(left) => (
          <section class="sign-in-card join-card" aria-labelledby="join-unsaved-title">
            <h1 id="join-unsaved-title">You joined your team</h1>
            <p class="sign-in-error" role="alert">
              Your photo was not saved: {left().reason}. Try again from Edit profile.
            </p>
            <button type="button" class="button button--primary" ref={(button) => queueMicrotask(() => button.focus())} onClick={() => props.onJoined(left().joined)}>
              Go to the office
            </button>
          </section>
        )}
      </Show>
    </main>
  )

  function form() {
    return (
      <form class="sign-in-card join-card" onSubmit={(event) => void submit(event)} aria-busy={busy()}>
        <h1>Join your team on Hallway</h1>
        <p class="sign-in-help">You were invited to a Hallway office. Say how your team should see you.</p>
        <label>
          Your name
          <input required autocomplete="name" maxLength={Limits.memberName} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <AvatarPicker value={avatar()} onChange={setAvatar} photo={photo} name="join-avatar" />
        <Show when={error()}>
          {(message) => (
            <p class="sign-in-error" role="alert">
              {message()}
            </p>
          )}
        </Show>
        <button type="submit" class="button button--primary" disabled={busy() || photo.preparing()}>
          {busy() ? 'Joining…' : 'Join'}
        </button>
      </form>
    )
  }
}
