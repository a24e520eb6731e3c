import { createSignal, type Accessor } from 'solid-js'
import { preparePhoto, type PreparedPhoto } from './photo-resize'

export interface PhotoChoice {
  /** The last photo picked on this form, prepared; null until one is. */
  prepared: Accessor<PreparedPhoto | null>
  preparing: Accessor<boolean>
  error: Accessor<string | null>
  /** Prepares the file off the page's thread; resolves with its avatar value, or null (the error says why). */
  pick(file: File): Promise<string | null>
  /** Uploads the picked photo if `avatar` is it (a sprite, or a photo already on the server, needs nothing). */
  uploadIfPicked(avatar: string, upload: (photo: Blob) => Promise<string>): Promise<void>
}

/** A form's photo pick: prepared at once for its preview, uploaded only when the form is saved. */
export function createPhotoChoice(): PhotoChoice {
  const [prepared, setPrepared] = createSignal<PreparedPhoto | null>(null)
  const [preparing, setPreparing] = createSignal(false)
  const [error, setError] = createSignal<string | null>(null)
  return {
    prepared,
    preparing,
    error,
    async pick(file) {
      setPreparing(true)
      setError(null)
      try {
        const photo = await preparePhoto(file)
        setPrepared(photo)
        return photo.avatar
      } catch (failure) {
        setError((failure as Error).message)
        return null
      } finally {
        setPreparing(false)
      }
    },
    async uploadIfPicked(avatar, upload) {
      const photo = prepared()
      if (!photo || photo.avatar !== avatar) return
      const stored = await upload(photo.photo)
      if (stored !== avatar) throw new Error('The server stored a different photo than the one picked. Try again.')
    },
  }
}
