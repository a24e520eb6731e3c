import { Show } from 'solid-js'
import type { RoomView } from '../../shared/contract/view'
import { CameraIcon, ChatIcon, MicIcon, MicOffIcon, ScreenIcon, TalkKeyIcon } from '../ui/icons'
import { focusIfArrived, focusLeaveOnArrival } from './arrival-focus'
import { CardButton } from './CardButton'
import { KnockButton } from './Knocks'
import { useOffice } from './office-context'
import { keyName } from './push-to-talk'

/**
 * Walk in (or knock) from outside; leave, mute, camera and screen from inside. Only what can work
 * is offered: Join where the door lets me in, Knock where a closed door has someone to answer.
 */
export function RoomActions(props: { room: RoomView; mine: boolean; canJoin: boolean; canKnock: boolean }) {
  const office = useOffice()
  const me = () => office.view().me
  const knocking = () => me().knock?.room === props.room.id
  const join = () => {
    focusLeaveOnArrival(props.room.id)
    void office.run({ type: 'enterRoom', roomId: props.room.id })
  }

  return (
    <div class="room-actions" classList={{ 'room-actions--inside': props.mine }}>
      <Show
        when={props.mine}
        fallback={
          <>
            <Show when={props.canJoin}>
              <CardButton primary label={`Join ${props.room.name}`} onClick={join}>
                Join
              </CardButton>
            </Show>
            <Show when={props.canKnock || knocking()}>
              <KnockButton roomId={props.room.id} roomName={props.room.name} knocking={knocking()} run={(command) => void office.run(command)} />
            </Show>
          </>
        }
      >
        <CardButton ref={(leave) => focusIfArrived(props.room.id, leave)} label={`Leave ${props.room.name}`} onClick={() => void office.run({ type: 'leaveRoom' })}>
          Leave
        </CardButton>
        <button
          type="button"
          class="button button--toggle"
          classList={{ 'button--on': me().mic }}
          title={me().mic ? 'Mute your microphone' : 'Unmute your microphone'}
          onClick={() => void office.run({ type: 'setMic', on: !me().mic })}
        >
          {me().mic ? <MicIcon /> : <MicOffIcon />}
          <span class="foot-label">{me().mic ? 'Mute' : 'Unmute'}</span>
        </button>
        <button
          type="button"
          class="button button--toggle button--icon"
          classList={{ 'button--on': office.pushToTalk.on() }}
          aria-label="Push to talk"
          title={
            office.pushToTalk.on()
              ? `Push to talk is on: hold ${keyName(office.pushToTalk.key())} to talk`
              : `Push to talk: hold ${keyName(office.pushToTalk.key())} to talk, muted otherwise`
          }
          aria-pressed={office.pushToTalk.on()}
          onClick={() => office.pushToTalk.set(!office.pushToTalk.on())}
        >
          <TalkKeyIcon />
        </button>
        <button
          type="button"
          class="button button--toggle button--icon"
          classList={{ 'button--on': me().cam }}
          aria-label="Camera"
          title={me().cam ? 'Turn camera off' : 'Turn camera on'}
          aria-pressed={me().cam}
          onClick={() => void office.run({ type: 'setCam', on: !me().cam })}
        >
          <CameraIcon />
        </button>
        <button
          type="button"
          class="button button--toggle button--icon"
          classList={{ 'button--on': me().screen }}
          aria-label="Share screen"
          title={me().screen ? 'Stop sharing your screen' : 'Share your screen'}
          aria-pressed={me().screen}
          onClick={() => void office.run({ type: 'setScreen', on: !me().screen })}
        >
          <ScreenIcon />
        </button>
      </Show>
    </div>
  )
}

/** Opens or closes the room's discussion panel. */
export function DiscussionButton(props: { roomId: string }) {
  const office = useOffice()
  const open = () => office.discussion() === props.roomId
  return (
    <button
      type="button"
      class="button button--quiet discussion-toggle"
      classList={{ 'button--on': open() }}
      aria-expanded={open()}
      title={open() ? 'Close this room’s discussion' : 'Open this room’s discussion'}
      onClick={() => office.toggleDiscussion(props.roomId)}
    >
      <ChatIcon />
      <span class="foot-label">Discussion</span>
    </button>
  )
}
