// The office call for a Solid page (web host, Electron media host): the controller fed from the
// mirrored office view, its state as a signal.
import { createEffect, createSignal, onCleanup, type Accessor } from 'solid-js'
import type { CoreCommand } from '../../shared/contract/commands'
import { joinCall, type Call } from './call'
import { reportCallActivity } from './call-activity-report'
import { startOfficeCall, type CallTokenAnswer, type OfficeCall, type OfficeCallState } from './office-call'
import { wishFromView, type OfficeCallFacts } from './office-call-plan'

export interface OfficeCallHandle {
  controller: OfficeCall<Call>
  state: Accessor<OfficeCallState>
  /**
   * The call once it is connected with its devices listed (the pickers and videos need it): the
   * line says "connected" as soon as the room is, before the mic is out and the call is held.
   */
  heldCall: Accessor<Call | null>
}

export function useOfficeCall(
  view: Accessor<OfficeCallFacts | null>,
  fetchCallToken: (request: { teamId: string; roomId: string }) => Promise<CallTokenAnswer>,
  /** The core's command port: speaking and link quality go there for the office's avatars. */
  report: (command: CoreCommand) => void,
): OfficeCallHandle {
  const controller = startOfficeCall<Call>({ fetchCallToken, joinCall })
  const [state, setState] = createSignal(controller.state())
  const [heldCall, setHeldCall] = createSignal<Call | null>(null)
  controller.onChange((next) => {
    setState(next)
    setHeldCall(next.phase === 'connected' ? controller.call() : null)
  })
  onCleanup(reportCallActivity(controller, (activity) => report({ type: 'reportCall', activity })))
  createEffect(() => {
    const current = view()
    if (current) controller.want(wishFromView(current))
  })
  onCleanup(() => void controller.close())
  return { controller, state, heldCall }
}
