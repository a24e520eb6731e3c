import { For, createSignal } from 'solid-js'
import type { MemberView } from '../../shared/contract/view'
import { Limits } from '../../shared/model/limits'
import { useAvatarPhotos } from '../ui/avatar-photos'
import { Dialog, DialogActions, FormError } from '../ui/Dialog'
import { createPhotoChoice } from '../ui/photo-choice'
import { AvatarPicker } from './AvatarPicker'
import { useOffice } from './office-context'
import { profilePatch } from './office-selectors'
import { deviceTimeZone, knownTimeZones } from './time-format'

/** Edit my name, title, time zone and avatar; only changed fields are written. */
export function ProfileDialog(props: { member: MemberView; onClose: () => void }) {
  const office = useOffice()
  const before = { ...props.member }
  const [name, setName] = createSignal(before.name)
  const [title, setTitle] = createSignal(before.title)
  const [timezone, setTimezone] = createSignal(before.timezone)
  const [avatar, setAvatar] = createSignal(before.avatar)
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
  const zones = knownTimeZones()
  const photos = useAvatarPhotos()
  const upload = photos?.upload
  const photo = createPhotoChoice()

  const save = async (event: SubmitEvent) => {
    event.preventDefault()
    const patch = profilePatch(before, { name: name(), title: title(), timezone: timezone(), avatar: avatar() })
    if (Object.keys(patch).length === 0) return props.onClose()
    setBusy(true)
    try {
      if (upload) await photo.uploadIfPicked(avatar(), upload)
    } catch (failure) {
      setBusy(false)
      return setError((failure as Error).message)
    }
    const result = await office.attempt({ type: 'updateProfile', patch })
    setBusy(false)
    if (result.ok) props.onClose()
    else setError(result.error)
  }

  return (
    <Dialog title="Edit profile" description="How your team sees you." onClose={props.onClose} size="wide">
      <form class="form" onSubmit={(event) => void save(event)}>
        <label class="field">
          <span class="field-label">Name</span>
          <input required value={name()} maxLength={Limits.memberName} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span class="field-label">Title</span>
          <input value={title()} maxLength={Limits.memberTitle} placeholder="What you do" onInput={(e) => setTitle(e.currentTarget.value)} />
        </label>
        <div class="field">
          <label class="field-label" for="profile-timezone">
            Time zone
          </label>
          <div class="field-row">
            <input
              id="profile-timezone"
              list="profile-timezones"
              value={timezone()}
              maxLength={Limits.timezone}
              placeholder="Europe/Berlin"
              onInput={(e) => setTimezone(e.currentTarget.value)}
            />
            <button type="button" class="button button--quiet" onClick={() => setTimezone(deviceTimeZone())}>
              Use this device's
            </button>
          </div>
          <datalist id="profile-timezones">
            <For each={zones}>{(zone) => <option value={zone} />}</For>
          </datalist>
        </div>
        <AvatarPicker value={avatar()} onChange={setAvatar} photo={upload ? photo : undefined} />
        <FormError error={error()} />
        <DialogActions confirm="Save" busy={busy() || photo.preparing()} onCancel={props.onClose} />
      </form>
    </Dialog>
  )
}
