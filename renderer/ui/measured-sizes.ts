import { createSignal, onCleanup, type Accessor } from 'solid-js'

/** The window's inner height, following resizes until the owner is disposed. */
export function createWindowHeight(): Accessor<number> {
  const [height, setHeight] = createSignal(window.innerHeight)
  const onResize = () => setHeight(window.innerHeight)
  window.addEventListener('resize', onResize)
  onCleanup(() => window.removeEventListener('resize', onResize))
  return height
}

/** One figure of the element `ref` goes on, read now and again on each resize until the owner is disposed; 0 until then. */
function createMeasured(measure: (element: HTMLElement) => number): { ref: (element: HTMLElement) => void; value: Accessor<number> } {
  const [value, setValue] = createSignal(0)
  let observer: ResizeObserver | undefined
  const ref = (element: HTMLElement) => {
    observer?.disconnect()
    const read = () => setValue(measure(element))
    observer = new ResizeObserver(read)
    observer.observe(element)
    read()
  }
  onCleanup(() => observer?.disconnect())
  return { ref, value }
}

/** An element's inner width (its content box); 0 until `ref` is set. */
export function createInnerWidth(): { ref: (element: HTMLElement) => void; width: Accessor<number> } {
  const { ref, value } = createMeasured((element) => {
    const style = getComputedStyle(element)
    return element.clientWidth - (parseFloat(style.paddingLeft) || 0) - (parseFloat(style.paddingRight) || 0)
  })
  return { ref, width: value }
}

/**
 * The height a block takes in its column while it shows: its own box and the space around it (its
 * margins and its column's gap), and 0 while it is empty and not displayed. `ref` goes on the block.
 */
export function createTakenHeight(): { ref: (element: HTMLElement) => void; height: Accessor<number> } {
  const { ref, value } = createMeasured((element) => {
    const box = element.getBoundingClientRect().height
    if (!(box > 0)) return 0
    const style = getComputedStyle(element)
    // A parent shown as `display: contents` has no box, so no gap.
    const parent = element.parentElement ? getComputedStyle(element.parentElement) : undefined
    const gap = parent && parent.display !== 'contents' ? parseFloat(parent.rowGap) : 0
    return box + (parseFloat(style.marginTop) || 0) + (parseFloat(style.marginBottom) || 0) + (gap || 0)
  })
  return { ref, height: value }
}
