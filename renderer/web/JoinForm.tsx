import { createSignal, Show } from 'solid-js'
import { Limits } from '../../shared/model/limits'
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
  const [avatar, setAvatar] = createSignal('')
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
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
      const uploaded = await photo
        .uploadIfPicked(avatar(), avatarPhotos(props.serverUrl, () => issued.token).upload)
        .then(() => true)
        .catch(() => false)
      props.onJoined({ launch, avatar: avatar() && uploaded ? avatar() : null })
    } catch (failure) {
      setError((failure as Error).message)
      setBusy(false)
    }
  }

  return (
    <main class="sign-in">
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
    </main>
  )
}
