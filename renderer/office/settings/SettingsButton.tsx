import { Show, createSignal, onCleanup, onMount } from 'solid-js'
import { SettingsIcon } from '../../ui/icons'
import { SettingsDialog, type SettingsSlots } from './SettingsDialog'

const isSettingsShortcut = (event: KeyboardEvent) => (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key === ','

/** The header's Settings button, and Ctrl/⌘+, anywhere. */
export function SettingsButton(props: { slots: SettingsSlots }) {
  const [open, setOpen] = createSignal(false)
  onMount(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isSettingsShortcut(event)) return
      event.preventDefault()
      setOpen(true)
    }
    window.addEventListener('keydown', onKey)
    onCleanup(() => window.removeEventListener('keydown', onKey))
  })
  return (
    <>
      <button
        type="button"
        class="button button--small button--icon"
        aria-label="Settings"
        aria-keyshortcuts="Control+, Meta+,"
        title="Settings (Ctrl/⌘+,)"
        onClick={() => setOpen(true)}
      >
        <SettingsIcon />
      </button>
      <Show when={open()}>
        <SettingsDialog slots={props.slots} onClose={() => setOpen(false)} />
      </Show>
    </>
  )
}
