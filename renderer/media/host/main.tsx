// The Electron media host (docs/architecture.md, "Processes"): its own core port for my office view,
// the office call controller, and the call's audio and tiles. Main opens it while I'm in a room.
import { onCleanup } from 'solid-js'
import { render } from 'solid-js/web'
import { CORE_PORT_MESSAGE, type HallwayBridge } from '../../../shared/contract/electron-bridge'
import { mediaConfigSchema } from '../../../shared/contract/electron-bridge-answers'
import { openOfficeSession } from '../../ui/office-session'
import { channelFromPort } from '../../ui/port-channel'
import { CallBar } from '../CallBar'
import { fetchCallToken } from '../call-token'
import type { CallTokenAnswer } from '../office-call'
import { useOfficeCall } from '../use-office-call'
import '../../ui/base.css'

declare global {
  interface Window {
    hallway?: HallwayBridge
  }
}

const root = document.getElementById('root')!
let unmount: (() => void) | null = null

/** Asked per call: main answers with the member token the core keeps refreshed. */
async function callToken(request: { teamId: string; roomId: string }): Promise<CallTokenAnswer> {
  const config = mediaConfigSchema.safeParse(await window.hallway?.mediaConfig().catch(() => null))
  if (!config.success) return { ok: false, unavailable: false, message: 'Hallway could not read its call settings.' }
  return fetchCallToken(config.data.serverUrl, config.data.token, request)
}

function MediaHost(props: { port: MessagePort }) {
  const session = openOfficeSession(channelFromPort(props.port))
  onCleanup(session.close)
  const call = useOfficeCall(() => session.office.view, callToken, session.report)
  return <CallBar call={call} roomName={(roomId) => session.office.view?.rooms[roomId]?.name ?? 'the room'} />
}

// A new port (the core restarted) starts the host over; the call controller rejoins from the view.
window.addEventListener('message', (event) => {
  const port = event.ports[0]
  if (event.source !== window || event.data !== CORE_PORT_MESSAGE || !port) return
  unmount?.()
  unmount = render(() => <MediaHost port={port} />, root)
})

window.hallway?.requestCorePort()
