import { For, Show, createEffect, createSignal, createUniqueId, onCleanup, type JSX } from 'solid-js'

export interface MenuItem {
  label: string
  onSelect: () => void
  disabled?: boolean
  danger?: boolean
}

/**
 * A "more" button that discloses a short list of buttons. Opened by keyboard (Enter, Space), the focus
 * goes to its first item; Escape or a click elsewhere closes it; Arrow keys move between items.
 */
export function Menu(props: { label: string; icon: JSX.Element; items: MenuItem[] }) {
  const [open, setOpen] = createSignal(false)
  const listId = createUniqueId()
  let root!: HTMLDivElement
  let trigger!: HTMLButtonElement

  const close = (refocus: boolean) => {
    setOpen(false)
    if (refocus) trigger.focus()
  }
  const onOutside = (event: PointerEvent) => root.contains(event.target as Node) || close(false)
  createEffect(() => {
    if (!open()) return
    document.addEventListener('pointerdown', onOutside, true)
    onCleanup(() => document.removeEventListener('pointerdown', onOutside, true))
  })

  const items = () => [...root.querySelectorAll<HTMLButtonElement>('.menu-list button:not(:disabled)')]
  // A click from Enter or Space has no pointer position (detail 0): the keyboard user goes into the list.
  const toggle = (event: MouseEvent) => {
    setOpen(!open())
    if (open() && event.detail === 0) items()[0]?.focus()
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open()) {
      event.preventDefault()
      close(true)
      return
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    const buttons = items()
    if (buttons.length === 0) return
    event.preventDefault()
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement)
    const step = event.key === 'ArrowDown' ? 1 : -1
    buttons[(index + step + buttons.length) % buttons.length]!.focus()
  }

  return (
    <div class="menu" ref={root} onKeyDown={onKeyDown}>
      <button
        ref={trigger}
        type="button"
        class="icon-button"
        aria-label={props.label}
        title={props.label}
        aria-expanded={open()}
        aria-controls={listId}
        onClick={toggle}
      >
        {props.icon}
      </button>
      <Show when={open()}>
        <ul class="menu-list" id={listId}>
          <For each={props.items}>
            {(item) => (
              <li>
                <button
                  type="button"
                  class="menu-item"
                  classList={{ 'menu-item--danger': item.danger }}
                  disabled={item.disabled}
                  onClick={() => {
                    close(false)
                    item.onSelect()
                    // Unless the item moved focus (a field, a dialog), keep it on the menu button.
                    queueMicrotask(() => document.activeElement === document.body && trigger.isConnected && trigger.focus())
                  }}
                >
                  {item.label}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  )
}
