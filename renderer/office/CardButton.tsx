/** Buttons inside a clickable room card: their click must not also count as a click on the room. */
export function CardButton(props: { onClick: () => void; primary?: boolean; small?: boolean; children: string }) {
  return (
    <button
      type="button"
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
