import { Show, createSignal } from 'solid-js'
import type { OfficeView } from '../../../shared/contract/view'
import { safeImage } from '../linkify'

type Preview = NonNullable<OfficeView['discussions'][string]['messages'][number]['preview']>

/** The preview the poster fetched once: site, title, description, and an https image if any. */
export function LinkPreviewCard(props: { preview: Preview }) {
  const [imageFailed, setImageFailed] = createSignal(false)
  const image = () => (imageFailed() ? null : safeImage(props.preview.image))
  return (
    <a class="preview" href={props.preview.url} target="_blank" rel="noopener noreferrer">
      <Show when={image()}>
        {(src) => <img class="preview-image" src={src()} alt="" loading="lazy" referrerPolicy="no-referrer" onError={() => setImageFailed(true)} />}
      </Show>
      <span class="preview-text">
        <Show when={props.preview.site}>
          <span class="preview-site">{props.preview.site}</span>
        </Show>
        <span class="preview-title">{props.preview.title || props.preview.url}</span>
        <Show when={props.preview.description}>
          <span class="preview-description">{props.preview.description}</span>
        </Show>
      </span>
    </a>
  )
}
