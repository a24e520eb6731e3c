// How wide the hallway's face grid is. Beside a floor's rooms it keeps five faces a row (260px); a
// crowd in the hallway widens it, taking the width the rooms leave (office-frame.css caps it), so
// everyone in it fits above the bottom of the window instead of below it, banners and call bar
// above it included. Where the call bar's rows would ask for more columns than the rooms leave, the
// call goes under the rooms instead and the hallway keeps the whole height.

/** The narrowest hallway: five faces a row. */
export const HALLWAY_MIN_COLUMNS = 5
/** A face's width or height with the gap after it (faces.css: 32px face, 3px padding, 8px gap). */
export const FACE_PITCH_PX = 46
/** Header, floor bar, the hallway's title above its first row and the page's bottom padding. */
const ABOVE_AND_BELOW_PX = 200
/** The people card's padding and border, and the face grid's own padding, around its columns. */
const CARD_EDGES_PX = 30
/** The rooms column's narrowest width and the gap beside it: office-frame.css caps the hallway at 100% - 380px. */
const ROOMS_KEEP_PX = 380

/**
 * Columns for `count` faces to fit in the rows a window this tall holds (at least five), under
 * `takenPx` of banners and call bar showing above the hallway.
 */
export function hallwayColumns(count: number, viewportHeight: number, takenPx = 0): number {
  if (!(count > 0) || !(viewportHeight > 0)) return HALLWAY_MIN_COLUMNS
  const taken = takenPx > 0 ? takenPx : 0
  const rows = Math.max(4, Math.floor((viewportHeight - ABOVE_AND_BELOW_PX - taken) / FACE_PITCH_PX))
  return Math.max(HALLWAY_MIN_COLUMNS, Math.ceil(count / rows))
}

/** The people column's width for that many columns: 5 gives the 260px column beside the rooms. */
export function hallwayWidthPx(columns: number): number {
  return columns * FACE_PITCH_PX + CARD_EDGES_PX
}

/** The most columns the hallway gets beside the rooms in an office body this wide (at least five). */
export function hallwayColumnsAtMost(bodyWidth: number): number {
  if (!(bodyWidth > 0)) return HALLWAY_MIN_COLUMNS
  return Math.max(HALLWAY_MIN_COLUMNS, Math.floor((bodyWidth - ROOMS_KEEP_PX - CARD_EDGES_PX) / FACE_PITCH_PX))
}

export interface HallwayPlan {
  columns: number
  /** My call sits under the rooms, beside the hallway, rather than above the hallway. */
  callBeside: boolean
}

/**
 * The hallway's columns for `count` faces and where my call goes: above the hallway unless the rows
 * it takes there (`callPx`, measured wherever it is) would ask for more columns than an office body
 * `bodyWidth` wide leaves beside the rooms; then beside it, and the hallway has the rows back.
 */
export function hallwayPlan(count: number, viewportHeight: number, bodyWidth: number, bannersPx: number, callPx: number): HallwayPlan {
  const above = hallwayColumns(count, viewportHeight, bannersPx + (callPx > 0 ? callPx : 0))
  const callBeside = callPx > 0 && bodyWidth > 0 && above > hallwayColumnsAtMost(bodyWidth)
  return { columns: callBeside ? hallwayColumns(count, viewportHeight, bannersPx) : above, callBeside }
}
