import type { Awareness } from 'y-protocols/awareness'
import type { OfficeView } from '../contract/view'
import type { TeamDoc } from '../model/team-doc'
import { returnTo, type LastPlace, type PlaceKeeper } from './last-place'
import type { PresenceState } from './presence'
import { planPresence, type PresenceContext } from './presence-actions'
import { presenceContextOf } from './presence-context'
import { reactionTo } from './presence-reactions'

/** Where my presence lives and what it is judged against; read afresh each time, as the replica may be replaced. */
export interface MyPresenceSources {
  awareness(): Awareness
  team(): TeamDoc
  /** The office as it is now, built whole. */
  office(): OfficeView
  now(): number
  places: PlaceKeeper
  /** The host's default idle time; the view's per-device choice wins over it. */
  idleAfterMs: number | undefined
}

/**
 * My presence on this device, as announced on the current team replica: every change kept on disk
 * as my last place, walked out of on sleep and back into on wake, re-announced after a
 * reconnection, and changed by what others did to me.
 */
export class MyPresence {
  /** The last answer to a knock or invitation of mine, or a door locked on me. */
  lastAnswer: OfficeView['me']['lastAnswer'] = null
  /** Where sleep or a screen lock walked me out of, to walk back into when the device is back. */
  private awayFrom: LastPlace | null = null
  /** The view's per-device choice, over the host's default. */
  private awayAfterMs: number | undefined

  constructor(private readonly sources: MyPresenceSources) {}

  get state(): PresenceState {
    return this.sources.awareness().getLocalState() as PresenceState
  }

  set(next: PresenceState): void {
    if (next === this.state) return
    this.sources.awareness().setLocalState(next)
    this.sources.places.remember(next)
  }

  setAwayAfter(ms: number): void {
    this.awayAfterMs = ms
  }

  context(): PresenceContext {
    const awareness = this.sources.awareness()
    return presenceContextOf({ states: awareness.getStates(), me: this.state, myClientId: awareness.clientID, now: this.sources.now(), idleAfterMs: this.awayAfterMs ?? this.sources.idleAfterMs })
  }

  /** At start: back into the stored place if it still lets me in, else stored as no place. */
  returnToLastPlace(office: OfficeView): void {
    const place = this.sources.places.place
    const back = place && returnTo(place, this.state, office, this.sources.team())
    if (back) this.set(back)
    else this.sources.places.remember(null)
  }

  /**
   * The device sleeps or its screen locked: away, and out of my room and its call (stored as no
   * place, so a crash meanwhile does not bring me back). The room is kept here for comeBack().
   */
  stepAway(): void {
    const me = this.state
    if (me.room !== null) this.awayFrom = { room: me.room, mic: me.mic, mediaEpoch: me.mediaEpoch }
    const outcome = planPresence({ type: 'leaveRoom' }, me, this.sources.office(), this.context())
    const left = outcome.ok ? outcome.next : me
    this.set({ ...left, idleSince: me.idleSince ?? this.sources.now() })
  }

  /** Awake and unlocked: present at once, and back in the room stepAway() left, if it still lets me in. */
  comeBack(): void {
    const place = this.awayFrom
    this.awayFrom = null
    const present = { ...this.state, idleSince: null }
    const back = place && present.room === null ? returnTo(place, present, this.sources.office(), this.sources.team()) : null
    this.set(back ?? present)
  }

  /**
   * When the server dropped my previous connection it marked my awareness state removed at my
   * clock + 1, and peers ignore any state not newer than that. Re-announcing twice (+2) makes my
   * state win at once instead of after the 15–30 s awareness renewal.
   */
  reannounce(): void {
    const state = this.state
    const awareness = this.sources.awareness()
    awareness.setLocalState({ ...state })
    awareness.setLocalState({ ...state })
  }

  /** Acts on what others did to me (see presence-reactions.ts); true when it changed my presence. */
  react(office: OfficeView): boolean {
    const reaction = reactionTo(this.state, office, this.context(), this.sources.team())
    if (!reaction) return false
    if (reaction.answer) this.lastAnswer = reaction.answer
    this.set(reaction.next)
    return true
  }
}
