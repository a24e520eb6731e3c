import { createSignal, onCleanup, type Accessor } from 'solid-js'

/** The window's inner height, following resizes until the owner is disposed. */
export function createWindowHeight(): Accessor<number> {
  const [height, setHeight] = createSignal(window.innerHeight)
  const onResize = () => setHeight(window.innerHeight)
  window.addEventListener('resize', onResize)
  onCleanup(() => window.removeEventListener('resize', onResize))
  return height
}

/** An element's inner width (its content box), following resizes until the owner is disposed; 0 until `ref` is set. */
export function createInnerWidth(): { ref: (element: HTMLElement) => void; width: Accessor<number> } {
  const [width, setWidth] = createSignal(0)
  let observer: ResizeObserver | undefined
  const ref = (element: HTMLElement) => {
    observer?.disconnect()
    observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0))
    observer.observe(element)
    setWidth(element.clientWidth)
  }
  onCleanup(() => observer?.disconnect())
  return { ref, width }
}

/**
 * The height a block takes in its column while it shows: its own box and the space around it (its
 * margins and its column's gap), and 0 while it is empty and not displayed. `ref` goes on the
 * block; its height follows resizes until the owner is disposed.
 */
export function createTakenHeight(): { ref: (element: HTMLElement) => void; height: Accessor<number> } {
  const [height, setHeight] = createSignal(0)
  let observer: ResizeObserver | undefined
  const ref = (element: HTMLElement) => {
    observer?.disconnect()
    const measure = () => {
      const box = element.getBoundingClientRect().height
      if (!(box > 0)) return setHeight(0)
      const style = getComputedStyle(element)
      // A parent shown as `display: contents` has no box, so no gap.
      const parent = element.parentElement ? getComputedStyle(element.parentElement) : undefined
      const gap = parent && parent.display !== 'contents' ? parseFloat(parent.rowGap) : 0
      setHeight(box + (parseFloat(style.marginTop) || 0) + (parseFloat(style.marginBottom) || 0) + (gap || 0))
    }
    observer = new ResizeObserver(measure)
    observer.observe(element)
    measure()
  }
  onCleanup(() => observer?.disconnect())
  return { ref, height }
}
