// How many side-list faces the first frame can show. A reload paints the saved office in one frame,
// and each face costs that frame script, style, layout and an SVG painted on the main thread: the
// faces below the screen, and those past the first 100, come 30 a task after it (ui/drawn-in-steps.ts).

import { FACE_PITCH_PX, HALLWAY_MIN_COLUMNS } from './hallway-columns'

/**
 * Below this window width the people may sit under the rooms, full width (the office's container
 * query at 600px, with an open discussion's 380px beside it): there, every face is drawn at once.
 */
const SIDE_BY_SIDE_FROM_PX = 1100

/**
 * The most side-list faces one frame draws, on screen or not: a hallway widened for a crowd shows
 * 300 at 1440×900, and drawing them all made the first frame 50–80 ms later than drawing the
 * first 100 (bench/office-paint.ts). The rest come in the tasks after it, top rows first.
 */
export const FIRST_FRAME_FACES_MAX = 100

export interface FirstFrameLimits {
  /** At most this many hallway faces in the first frame; null: all of them. */
  hallway: number | null
  /** The same for the offline faces, which come under the hallway's. */
  offline: number | null
}

/**
 * The most faces of the hallway and offline lists the first frame could show in a window this size,
 * counted as if the column began at the top of the screen, and never past FIRST_FRAME_FACES_MAX.
 */
export function firstFrameLimits(
  window: { innerWidth: number; innerHeight: number },
  hallwayCount: number,
  /** The people column's faces a row (hallway-columns.ts: five, more for a crowd). */
  facesPerRow = HALLWAY_MIN_COLUMNS,
): FirstFrameLimits {
  if (!(window.innerWidth >= SIDE_BY_SIDE_FROM_PX) || !(window.innerHeight > 0)) return { hallway: null, offline: null }
  const onScreen = Math.min(FIRST_FRAME_FACES_MAX, facesPerRow * Math.ceil(window.innerHeight / FACE_PITCH_PX))
  return { hallway: onScreen, offline: Math.max(0, onScreen - hallwayCount) }
}
