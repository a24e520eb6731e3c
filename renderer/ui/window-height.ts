import { createSignal, onCleanup, type Accessor } from 'solid-js'

/** The window's inner height, following resizes until the owner is disposed. */
export function createWindowHeight(): Accessor<number> {
  const [height, setHeight] = createSignal(window.innerHeight)
  const onResize = () => setHeight(window.innerHeight)
  window.addEventListener('resize', onResize)
  onCleanup(() => window.removeEventListener('resize', onResize))
  return height
}

/**
 * The height a block takes in its column while it shows: its own box and the space after it (its
 * bottom margin, or its column's gap), and 0 while it is empty and not displayed. `ref` goes on the
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
      const after = parseFloat(getComputedStyle(element).marginBottom) || parseFloat(element.parentElement ? getComputedStyle(element.parentElement).rowGap : '') || 0
      setHeight(box + after)
    }
    observer = new ResizeObserver(measure)
    observer.observe(element)
    measure()
  }
  onCleanup(() => observer?.disconnect())
  return { ref, height }
}
