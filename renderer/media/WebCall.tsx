// The web host's call (docs/architecture.md: on the web the media host is the page itself): the
// office call controller for this page's member, shown as the call bar in the office's slot.
import { onCleanup, type Accessor } from 'solid-js'
import type { CoreCommand } from '../../shared/contract/commands'
import type { OfficeView } from '../../shared/contract/view'
import { CallBar } from './CallBar'
import { exposeOfficeCall } from './call-probe'
import { fetchCallToken } from './call-token'
import { useOfficeCall } from './use-office-call'

export function WebCall(props: {
  view: Accessor<OfficeView>
  report: (command: CoreCommand) => void
  serverUrl: string
  memberToken: () => string
}) {
  const call = useOfficeCall(props.view, (request) => fetchCallToken(props.serverUrl, props.memberToken(), request), props.report)
  onCleanup(exposeOfficeCall(call))
  return <CallBar call={call} roomName={(roomId) => props.view().rooms[roomId]?.name ?? 'the room'} />
}
