import { createSignal, lazy, Show } from 'solid-js'
import { render } from 'solid-js/web'
import type { CoreCommand } from '../../shared/contract/commands'
import { readTokenClaims } from '../../shared/contract/token-claims'
import { OfficeApp } from '../office/OfficeApp'
import { storedViewSnapshots } from '../office/view-snapshot-store'
import { channelFromPort } from '../ui/port-channel'
import { afterNextPaint } from '../ui/after-next-paint'
import { AvatarPhotosContext, avatarPhotos } from '../ui/avatar-photos'
import { applySavedTheme } from '../ui/theme'
import { startIdleReporting } from './idle-reporter'
import { JoinForm, type Joined } from './JoinForm'
import { launchSearch, readJoin, readLaunch, type Launch } from './launch-params'
import { NotificationPermission } from './NotificationPermission'
import { SignIn } from './SignIn'
import { webNotifier } from './web-notifier'
import type { BootMessage, WorkerMessage } from '../../shared/contract/worker-protocol'

// The call code (LiveKit) loads after the first paint: the office shows before it is parsed.
const WebCall = lazy(() => import('../media/WebCall').then(({ WebCall }) => ({ default: WebCall })))
const DeviceSettings = lazy(() => import('../media/DeviceSettings').then(({ DeviceSettings }) => ({ default: DeviceSettings })))

applySavedTheme()
const root = document.getElementById('root')!
const launch = readLaunch(location.search)

const join = readJoin(location.search)

if (join?.ok) showJoinForm(join.serverUrl, join.code)
else if (join) render(() => <SignIn serverUrl={join.serverUrl} error={join.error} />, root)
else if (launch.ok) startOffice(launch.launch)
else render(() => <SignIn serverUrl={launch.serverUrl} error={launch.error} />, root)

/** An invite link: the join form, then the office as the new member. */
function showJoinForm(serverUrl: string, code: string): void {
  const dispose = render(() => <JoinForm serverUrl={serverUrl} code={code} onJoined={enter} />, root)
  function enter({ launch, avatar }: Joined): void {
    dispose()
    // The invite is spent: the address becomes the member's sign-in, so a reload keeps them in.
    history.replaceState(history.state, '', `${location.pathname}${launchSearch(launch)}`)
    startOffice(launch, avatar ? { avatar } : undefined)
  }
}

/** The web host's idle signal (the desktop host uses the system's idle time instead). */
function reportIdle(report: (command: CoreCommand) => void): () => void {
  return startIdleReporting((idleMs) => report({ type: 'reportIdle', idleMs }))
}

/** Keeps the address's token current (without a navigation), so a reload signs in with it. */
function rememberToken(token: string): void {
  const params = new URLSearchParams(location.search)
  params.set('token', token)
  history.replaceState(history.state, '', `${location.pathname}?${params}`)
}

/** Boots the core in a worker and shows the office over a port to it; `profile` is a new member's choice from the join form. */
function startOffice(launch: Launch, profile?: BootMessage['profile']): void {
  const [failure, setFailure] = createSignal<string | null>(null)
  let booted = false
  // Call tokens are asked for with the member token the core keeps refreshed.
  let memberToken = launch.token
  const { port1, port2 } = new MessageChannel()
  /** The core's worker, started once the office's first frame is painted: its script and boot would compete with that frame for the CPU. */
  function startCore(): void {
    const worker = new Worker(new URL('../worker/core-worker.ts', import.meta.url), { type: 'module', name: 'hallway-core' })
    worker.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
      if (event.data?.type === 'booted') booted = true
      if (event.data?.type === 'boot-failed') setFailure(event.data.error)
      if (event.data?.type === 'token') {
        memberToken = event.data.token
        rememberToken(event.data.token)
      }
    })
    // Only a worker that never came up is fatal; a later error is the core's to recover from.
    worker.addEventListener('error', () => booted || setFailure('Hallway could not start in this browser. Reload the page to try again.'))
    // Commands the office sent before this are queued on the port and reach the core once it listens.
    worker.postMessage({ type: 'boot', serverUrl: launch.serverUrl, token: launch.token, profile } satisfies BootMessage, [port2])
  }

  const signIn = () => (location.search = new URLSearchParams({ server: launch.serverUrl }).toString())
  // Asked before the office renders, so the worker is created first after that frame and boots on
  // its own thread while the faces the first frame held back are drawn here.
  afterNextPaint(startCore)
  render(
    () => (
      <Show
        when={failure()}
        fallback={
          <AvatarPhotosContext.Provider value={avatarPhotos(launch.serverUrl, () => memberToken)}>
            <OfficeApp
              channel={channelFromPort(port1)}
              onSignIn={signIn}
              startHostReports={reportIdle}
              settingsSlots={{ devices: () => <DeviceSettings />, notificationPermission: () => <NotificationPermission /> }}
              notifier={webNotifier}
              snapshots={storedViewSnapshots(launch.serverUrl, { teamId: launch.teamId, userId: readTokenClaims(launch.token).sub })}
              callSlot={(view, report) => <WebCall view={view} report={report} serverUrl={launch.serverUrl} memberToken={() => memberToken} />}
            />
          </AvatarPhotosContext.Provider>
        }
      >
        {(error) => <SignIn serverUrl={launch.serverUrl} error={error()} />}
      </Show>
    ),
    root,
  )
}
