import { Show, createEffect, createMemo, createSignal, on, type JSX } from 'solid-js'
import { CallElsewhereBanner, PendingInvite, PullInvites } from './Banners'
import { ConnectionBadge } from './ConnectionBadge'
import { DiscussionPanel } from './discussion/DiscussionPanel'
import { FaceCardHost } from './face-card'
import { FindPerson } from './FindPerson'
import { firstFrameLimits } from './first-screen'
import { floorLayout, shownFloor } from './floors'
import { FloorSwitcher } from './FloorSwitcher'
import { ForById } from '../ui/for-by-id'
import { MeCard } from './MeCard'
import { hallwayPlan, hallwayWidthPx } from './hallway-columns'
import { NewRoomButton } from './NewRoom'
import { NoticeStack } from './Notice'
import { useOffice } from './office-context'
import type { OfficeSession } from '../ui/office-session'
import { knockersOf, occupantsOf, roomsInOrder } from './office-selectors'
import { createPeopleLists } from './people-lists'
import { PeopleAside } from './PeopleAside'
import { RoomCard } from './RoomCard'
import { UpdateBar } from './UpdateBar'
import { createInnerWidth, createTakenHeight, createWindowHeight } from '../ui/measured-sizes'
import { createNamesOverflow } from './names-overflow'
import { SettingsButton } from './settings/SettingsButton'
import type { SettingsSlots } from './settings/SettingsDialog'

/** Offline faces drawn before "Show all": enough to recognise who is out, few enough to paint a 1,000-member office at once. */
const OFFLINE_SHOWN_AT_FIRST = 48
/** Past this many people in a floor's rooms, its cards show faces as the hallway does: smaller, named on hover and focus. */
const CROWDED_FLOOR_FROM = 25

/** Header, the room grid with my call and the people beside it, the discussion panel, and notices over them. */
export function OfficeLayout(props: {
  session: OfficeSession
  onSignIn?: (() => void) | undefined
  onCloseDiscussion: () => void
  callBar?: JSX.Element
  settingsSlots: SettingsSlots
}) {
  const office = useOffice()
  const view = office.view
  const [asked, setAsked] = createSignal<string | null>(null)
  const floor = createMemo(() => shownFloor(view(), asked()))
  // Walking into a room elsewhere (a link, Find a person, an invitation) takes the view to its floor.
  createEffect(on(() => (view().me.room === null ? undefined : view().rooms[view().me.room!]?.floor), (mine) => mine && setAsked(mine), { defer: true }))
  const layout = createMemo(() => floorLayout(view(), floor()))
  const rooms = () => roomsInOrder(view())
  const people = createPeopleLists(() => view().members)
  const { hallway, offline } = people
  const windowHeight = createWindowHeight()
  // Banners over the office and my call above the hallway take rows from it: the columns make up for
  // them, and where they cannot, my call goes under the rooms.
  const banners = createTakenHeight()
  const callSlot = createTakenHeight()
  const body = createInnerWidth()
  const plan = createMemo(() => hallwayPlan(hallway().length, windowHeight(), body.width(), banners.height(), callSlot.height()), undefined, {
    equals: (a, b) => a.columns === b.columns && a.callBeside === b.callBeside,
  })
  const columns = () => plan().columns
  const firstFrame = createMemo(() => firstFrameLimits(window, hallway().length, columns()))
  // A memo: every busy card reads it, and it should be summed once per layout and notify them only when it flips.
  const crowdedByCount = createMemo(() => layout().busy.reduce((sum, room) => sum + room.occupants.length, 0) >= CROWDED_FLOOR_FROM)
  const namesOverflow = createNamesOverflow(() => `${floor() ?? ''} ${windowHeight()}`, () => !crowdedByCount())
  const crowded = createMemo(() => crowdedByCount() || namesOverflow.overflowed())
  const emptyText = () =>
    view().connection.state === 'online' ? 'This team has no rooms yet. Add the first one.' : 'The office will appear once Hallway reaches the server.'

  return (
    <FaceCardHost>
      <div class="office-frame" classList={{ 'office-frame--discussing': office.discussion() !== null }}>
        <header class="office-header">
          <div class="brand">
            <span class="brand-mark" aria-hidden="true" />
            <h1 class="team-name">{view().team.name || 'Your office'}</h1>
          </div>
          <div class="header-side">
            <FindPerson />
            <MeCard />
            <SettingsButton slots={props.settingsSlots} />
            <ConnectionBadge connection={view().connection} onSignIn={props.onSignIn} onRetry={() => void office.run({ type: 'reconnectNow' })} />
          </div>
        </header>

        <div ref={banners.ref} class="banners">
          <CallElsewhereBanner />
          <UpdateBar />
        </div>
        {/* A group, not a region: the contract keeps regions for rooms. */}
        <div class="notice-overlay" role="group" aria-label="Notices">
          <NoticeStack notices={props.session.notices()} onDismiss={props.session.dismissNotice} />
          <PendingInvite />
          <PullInvites />
        </div>

        <div
          ref={body.ref}
          class="office-body"
          classList={{ 'office-body--call-beside': plan().callBeside }}
          style={{ '--hallway-width': `${hallwayWidthPx(columns())}px` }}
        >
          <main ref={namesOverflow.column} class="rooms-area">
            <FloorSwitcher floor={floor()} onPick={setAsked} tally={{ online: people.online(), inHallway: hallway().length }}>
              <NewRoomButton floor={floor()} />
            </FloorSwitcher>
            <Show when={rooms().length === 0}>
              <p class="empty rooms-empty">{emptyText()}</p>
              <NewRoomButton floor={null} />
            </Show>
            <div ref={namesOverflow.cards} class="rooms" classList={{ 'rooms--crowded': crowded() }}>
              <ForById each={layout().busy}>
                {(room) => <RoomCard room={room()} occupants={occupantsOf(view(), room())} knockers={knockersOf(view(), room())} crowded={crowded()} />}
              </ForById>
            </div>
            <Show when={layout().empty.length > 0}>
              <div class="room-lines" role="group" aria-label="Empty rooms">
                <ForById each={layout().empty}>{(room) => <RoomCard room={room()} occupants={[]} knockers={[]} line />}</ForById>
              </div>
            </Show>
          </main>
          {/* My call above the people, scrolling with them; or, when the hallway needs its rows, under
              the rooms (this column then has no box). Never above the cards, so a video tile or a
              call note appearing moves no room. */}
          <div class="side-column">
            <div ref={callSlot.ref} class="call-slot">
              {props.callBar}
            </div>
            <div class="sidebar">
              <PeopleAside
                title="Hallway"
                members={hallway()}
                meId={view().me.userId}
                emptyText="Everyone online is in a room."
                now={office.now()}
                firstFrameAtMost={firstFrame().hallway}
              />
              <PeopleAside
                title="Offline"
                members={offline()}
                meId={view().me.userId}
                emptyText="Everyone is here."
                now={office.now()}
                dimmed
                showAtMost={OFFLINE_SHOWN_AT_FIRST}
                firstFrameAtMost={firstFrame().offline}
              />
            </div>
          </div>
        </div>

        <Show when={office.discussion()} keyed>
          {(roomId) => <DiscussionPanel roomId={roomId} onClose={props.onCloseDiscussion} />}
        </Show>
      </div>
    </FaceCardHost>
  )
}
