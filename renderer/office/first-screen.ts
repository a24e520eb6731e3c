// How many side-list faces the first frame can show, and the side lists as far as it needs them. A reload
// paints the saved office in one frame, and each face costs that frame script, style, layout and an SVG
// painted on the main thread: with 300 people in the hallway, two thirds of them sit below the screen.
// Those wait for the frame after, and so does putting them (and the offline) in order.
import { compareByName, insertionPointByName } from './office-selectors'
import type { Placeable } from './people-index'

/** The people column beside the rooms (office-frame.css, 260px) holds five faces a row (faces.css: 32px face, 3px padding, 8px gap). */
const FACES_PER_ROW = 5
/** A row's height with the gap under it. */
const ROW_PITCH_PX = 46
/**
 * Below this window width the people may sit under the rooms, full width (the office's container
 * query at 600px, with an open discussion's 380px beside it): there, every face is drawn at once.
 */
const SIDE_BY_SIDE_FROM_PX = 1100

export interface FirstFrameLimits {
  /** At most this many hallway faces in the first frame; null: all of them. */
  hallway: number | null
  /** The same for the offline faces, which come under the hallway's. */
  offline: number | null
}

/**
 * The most faces of the hallway and offline lists the first frame could show in a window this size,
 * counted as if the column began at the top of the screen, so none that is on screen waits.
 */
export function firstFrameLimits(window: { innerWidth: number; innerHeight: number }, hallwayCount: number): FirstFrameLimits {
  const onScreen = firstFrameFaces(window)
  return onScreen === null ? { hallway: null, offline: null } : { hallway: onScreen, offline: Math.max(0, onScreen - hallwayCount) }
}

/** How many side-list faces a window this size can show in the first frame (null: all of them). */
export function firstFrameFaces(window: { innerWidth: number; innerHeight: number }): number | null {
  if (!(window.innerWidth >= SIDE_BY_SIDE_FROM_PX) || !(window.innerHeight > 0)) return null
  return FACES_PER_ROW * Math.ceil(window.innerHeight / ROW_PITCH_PX)
}

export interface FirstScreenLists<T> {
  /** Online and in no room: every one, the first ones (as many as the first frame shows) in name order. */
  hallway: T[]
  /** Offline: every one, the first ones the screen leaves room for under the hallway in name order. */
  offline: T[]
  online: number
}

/**
 * The side lists for the first frame, in one pass over the members: each list has everyone it will
 * have, but only its first `faces` (the hallway's, then the offline's from what is left) are put in
 * name order; the rest follow unordered until the full lists (people-lists.ts) replace these after
 * that frame. Ordering a thousand members by a collator was 6–8 ms of a reload's script (s10 profile).
 */
export function firstScreenLists<T extends Placeable>(members: Iterable<T>, faces: number | null): FirstScreenLists<T> {
  const hallway: T[] = []
  const offline: T[] = []
  let online = 0
  for (const member of members) {
    if (!member.online) offline.push(member)
    else {
      online++
      if (member.room === null) hallway.push(member)
    }
  }
  return {
    hallway: leadingInOrder(hallway, faces),
    offline: leadingInOrder(offline, faces === null ? null : Math.max(0, faces - hallway.length)),
    online,
  }
}

/** `list` with its first `count` (null: all) by name at its head, the others after them as they came. */
function leadingInOrder<T extends Placeable>(list: T[], count: number | null): T[] {
  if (count === null || count >= list.length) return list.sort(compareByName)
  if (count === 0) return list
  // The `count` least, kept in order: most members lose one comparison against the last kept.
  const least: T[] = []
  for (const member of list) {
    if (least.length === count && compareByName(member, least[count - 1]!) >= 0) continue
    least.splice(insertionPointByName(least, member), 0, member)
    if (least.length > count) least.pop()
  }
  const kept = new Set(least)
  for (const member of list) if (!kept.has(member)) least.push(member)
  return least
}
