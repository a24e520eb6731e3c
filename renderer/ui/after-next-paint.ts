import { createSignal, type Accessor } from 'solid-js'

/** A tab opened in the background paints no frame: past this, what waits for one runs anyway. */
const NO_FRAME_FALLBACK_MS = 1000

/** Runs `run` once, in a task after the next frame is painted (an animation frame runs just before it), or after the fallback. */
export function afterNextPaint(run: () => void): void {
  let ran = false
  const once = () => {
    if (ran) return
    ran = true
    clearTimeout(fallback)
    run()
  }
  const fallback = setTimeout(once, NO_FRAME_FALLBACK_MS)
  requestAnimationFrame(() => nextTask(once))
}

/** Posts `run` as a task of its own: a message, not a timer, so a paused or throttled page clock does not hold it. */
export function nextTask(run: () => void): void {
  const channel = new MessageChannel()
  channel.port1.onmessage = () => {
    channel.port1.close()
    run()
  }
  channel.port2.postMessage(null)
}

let painted: Accessor<boolean> | undefined

/** False until this page's first frame after the first call is painted, true ever after: what that frame cannot show waits for it. */
export function firstFramePainted(): boolean {
  if (painted === undefined) {
    const [read, set] = createSignal(false)
    painted = read
    afterNextPaint(() => set(true))
  }
  return painted()
}
