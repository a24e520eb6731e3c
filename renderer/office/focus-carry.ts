// Faces and room cards keep their nodes by id (ui/for-by-id.ts), but some controls are still made
// anew: a face the live office draws in another list than the saved one did, a card that moves
// between the busy cards and the empty rooms' lines. A keyboard user on that control would be
// dropped back to the page's start; this puts them on the control that took its place.

/** A focused control said so the same control can be found again in a rebuilt office. */
interface FocusPlace {
  selector: string
  /** Which of the office's matches for `selector` it was (a face shows in a room and in lists). */
  index: number
}

const NAMING_ATTRIBUTES = ['data-member', 'aria-label', 'id', 'name'] as const

function selectorOf(element: Element): string {
  const tag = element.tagName.toLowerCase()
  for (const attribute of NAMING_ATTRIBUTES) {
    const value = element.getAttribute(attribute)
    if (value) return `${tag}[${attribute}="${CSS.escape(value)}"]`
  }
  return tag
}

function focusPlaceIn(root: HTMLElement, focused: Element): FocusPlace | null {
  if (focused === root || !root.contains(focused)) return null
  const selector = selectorOf(focused)
  const index = Array.from(root.querySelectorAll(selector)).indexOf(focused)
  return index < 0 ? null : { selector, index }
}

/** Focuses the control at `place`, or the nearest match when the office now has fewer of them. */
function focusPlace(root: HTMLElement, place: FocusPlace): Element | null {
  const matches = root.querySelectorAll<HTMLElement>(place.selector)
  const target = matches[Math.min(place.index, matches.length - 1)]
  target?.focus({ preventScroll: true })
  return target && document.activeElement === target ? target : null
}

/**
 * While mounted: when the focused control in `root` leaves the DOM and nothing else took focus,
 * focuses the control rebuilt in its place. Focus the user moves away is left alone. Returns stop.
 */
export function keepFocusThroughRebuilds(root: HTMLElement): () => void {
  let focused: Element | null = null
  let place: FocusPlace | null = null
  const remember = (element: Element | null) => {
    focused = element
    place = element && focusPlaceIn(root, element)
  }
  const onFocusIn = (event: FocusEvent) => remember(event.target as Element)
  // A control still in the page after losing focus was left by the user (a click, Tab out).
  const onFocusOut = () => queueMicrotask(() => focused?.isConnected && document.activeElement !== focused && remember(null))
  const observer = new MutationObserver(() => {
    if (!focused || focused.isConnected || !place) return
    const lost = place
    remember(null)
    if (document.activeElement && document.activeElement !== document.body) return
    remember(focusPlace(root, lost))
  })
  root.addEventListener('focusin', onFocusIn)
  root.addEventListener('focusout', onFocusOut)
  observer.observe(root, { childList: true, subtree: true })
  return () => {
    observer.disconnect()
    root.removeEventListener('focusin', onFocusIn)
    root.removeEventListener('focusout', onFocusOut)
  }
}
