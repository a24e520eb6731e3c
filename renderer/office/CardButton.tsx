/** Buttons inside a clickable room card: their click must not also count as a click on the room. */
export function CardButton(props: {
  onClick: () => void
  primary?: boolean
  small?: boolean
  /** The accessible name, when the visible text alone would not say which room. */
  label?: string
  ref?: (element: HTMLButtonElement) => void
  children: string
}) {
  return (
    <button
      type="button"
      ref={props.ref}
      aria-label={props.label}
      class="button"
      classList={{ 'button--primary': props.primary, 'button--small': props.small }}
      onClick={(event) => {
        event.stopPropagation()
        props.onClick()
      }}
    >
      {props.children}
    </button>
  )
}
