// Decodes, crops and encodes a picked photo off the page's thread: a phone photo can take
// hundreds of milliseconds to decode, and the office keeps drawing meanwhile.
import { AVATAR_PHOTO_TYPE } from '../../shared/contract/avatar-api'
import type { PhotoResizeRequest, PhotoResizeResult } from './photo-resize-protocol'

self.addEventListener('message', (event: MessageEvent<PhotoResizeRequest>) => {
  void resize(event.data).then((result) => self.postMessage(result))
})

async function resize({ file, size }: PhotoResizeRequest): Promise<PhotoResizeResult> {
  let source: ImageBitmap
  try {
    source = await createImageBitmap(file)
  } catch {
    return { ok: false, error: 'That file is not a picture this browser can read. Pick a JPEG, PNG or WebP photo.' }
  }
  // The centre square, scaled by the decoder: the avatar is square and the edges matter least.
  const edge = Math.min(source.width, source.height)
  const square = await createImageBitmap(source, (source.width - edge) / 2, (source.height - edge) / 2, edge, edge, {
    resizeWidth: size,
    resizeHeight: size,
    resizeQuality: 'high',
  })
  source.close()
  const canvas = new OffscreenCanvas(size, size)
  canvas.getContext('2d')!.drawImage(square, 0, 0)
  square.close()
  const photo = await canvas.convertToBlob({ type: AVATAR_PHOTO_TYPE, quality: 0.85 })
  // Browsers that cannot encode WebP hand back PNG instead; the server would refuse it.
  if (photo.type !== AVATAR_PHOTO_TYPE) return { ok: false, error: 'This browser cannot prepare photos. Try Chrome, Edge or Safari.' }
  return { ok: true, photo }
}
