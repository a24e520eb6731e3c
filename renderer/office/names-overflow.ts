import { createSignal, onCleanup, type Accessor } from 'solid-js'

/**
 * Whether a floor's busy cards, showing names under their faces, ran past the bottom of the rooms
 * column, for the layout `key` names (the floor and the window's height). A floor of few people in
 * many rooms can: the count alone (CROWDED_FLOOR_FROM) does not see it. Once it has, that layout keeps
 * names off, as a crowded floor does: putting them back to check would overflow again and flicker.
 * `column` goes on the scrolling rooms column, `cards` on the block of busy cards inside it.
 */
export function createNamesOverflow(key: Accessor<string>, namesShown: Accessor<boolean>) {
  const [overflowedFor, setOverflowedFor] = createSignal<string | null>(null)
  let column: HTMLElement | undefined
  let cards: HTMLElement | undefined
  let observer: ResizeObserver | undefined
  onCleanup(() => observer?.disconnect())
  const check = () => {
    if (!column || !cards || !namesShown()) return
    const cardsBottom = cards.getBoundingClientRect().bottom - column.getBoundingClientRect().top + column.scrollTop
    if (cardsBottom > column.clientHeight + 1) setOverflowedFor(key())
  }
  const watch = (element: HTMLElement) => {
    observer ??= new ResizeObserver(check)
    observer.observe(element)
    check()
  }
  return {
    column: (element: HTMLElement) => watch((column = element)),
    cards: (element: HTMLElement) => watch((cards = element)),
    overflowed: () => overflowedFor() === key(),
  }
}
