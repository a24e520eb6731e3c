import { createSignal, onCleanup, type Accessor } from 'solid-js'

/** The window's inner height, following resizes until the owner is disposed. */
export function createWindowHeight(): Accessor<number> {
  const [height, setHeight] = createSignal(window.innerHeight)
  const onResize = () => setHeight(window.innerHeight)
  window.addEventListener('resize', onResize)
  onCleanup(() => window.removeEventListener('resize', onResize))
  return height
}
