import { Show, createUniqueId, onCleanup, onMount, type JSX } from 'solid-js'

interface DialogProps {
  title: string
  /** One line under the title. */
  description?: string
  onClose: () => void
  children: JSX.Element
  size?: 'small' | 'wide'
}

/**
 * A modal built on <dialog>: the browser traps focus, Escape closes it, and the rest of the page
 * is inert while it is open. Mounting opens it; closing it (Escape, backdrop, Cancel) calls onClose.
 */
export function Dialog(props: DialogProps) {
  let dialog!: HTMLDialogElement
  const titleId = createUniqueId()
  const descriptionId = createUniqueId()
  // The close event comes a task after Escape: a key pressed meanwhile (Ctrl+K again) would open a
  // dialog that this late event then shut. So Escape closes at once (the dialog first, which puts the
  // focus back where it was), and each dialog closes once.
  let closed = false
  const close = () => {
    if (closed) return
    closed = true
    props.onClose()
  }
  onCleanup(() => (closed = true))
  onMount(() => {
    dialog.showModal()
    // Chromium counts a scrolling area as focusable, so a tall dialog in a short window opened on its
    // scroller (outlined in black). A dialog opens on a control: its autofocus one, else its first.
    if (!document.activeElement?.matches(CONTROL)) firstControl(dialog)?.focus()
  })
  return (
    <dialog
      ref={dialog}
      class={`dialog dialog--${props.size ?? 'small'}`}
      aria-labelledby={titleId}
      aria-describedby={props.description ? descriptionId : undefined}
      onCancel={() => {
        dialog.close()
        close()
      }}
      onClose={close}
      // A click on the backdrop lands on the <dialog> itself; the body covers all of its inside.
      onClick={(event) => event.target === dialog && dialog.close()}
    >
      <div class="dialog-body">
        <h2 id={titleId} class="dialog-title">
          {props.title}
        </h2>
        <Show when={props.description}>
          <p id={descriptionId} class="dialog-description">
            {props.description}
          </p>
        </Show>
        {props.children}
      </div>
    </dialog>
  )
}

const CONTROL = 'input:not([type="hidden"]), select, textarea, button, a[href], [tabindex]:not([tabindex="-1"])'

function firstControl(dialog: HTMLDialogElement): HTMLElement | undefined {
  return [...dialog.querySelectorAll<HTMLElement>(CONTROL)].find(
    (control) => !control.matches(':disabled') && control.checkVisibility(),
  )
}

/** The error line inside a form or dialog: the core's one-line message says what to do. */
export function FormError(props: { error: string | null }) {
  return (
    <Show when={props.error}>
      {(error) => (
        <p class="form-error" role="alert">
          {error()}
        </p>
      )}
    </Show>
  )
}

interface DialogActionsProps {
  /** The main button's label: what the dialog is for ("Save", "Create room"). */
  confirm: string
  /** The core is working on it: the main button waits. */
  busy: boolean
  onCancel: () => void
  /** Without it, the main button submits the dialog's form. */
  onConfirm?: () => void
  /** The main button destroys something. */
  danger?: boolean
  /** A further action, set apart at the start of the row. */
  start?: JSX.Element
}

/** A dialog's footer: Cancel, then the one thing the dialog is for. */
export function DialogActions(props: DialogActionsProps) {
  return (
    <div class="dialog-actions">
      {props.start}
      <button type="button" class="button" onClick={() => props.onCancel()}>
        Cancel
      </button>
      <button
        type={props.onConfirm ? 'button' : 'submit'}
        class={props.danger ? 'button button--danger' : 'button button--primary'}
        disabled={props.busy}
        onClick={() => props.onConfirm?.()}
      >
        {props.confirm}
      </button>
    </div>
  )
}
