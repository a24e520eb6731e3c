// The office call for a Solid page (web host, Electron media host): the controller fed from the
// mirrored office view, its state as a signal.
import { createEffect, createSignal, onCleanup, type Accessor } from 'solid-js'
import { joinCall, type Call } from './call'
import { startOfficeCall, type CallTokenAnswer, type OfficeCall, type OfficeCallState } from './office-call'
import { wishFromView, type OfficeCallFacts } from './office-call-plan'

export interface OfficeCallHandle {
  controller: OfficeCall<Call>
  state: Accessor<OfficeCallState>
}

export function useOfficeCall(
  view: Accessor<OfficeCallFacts | null>,
  fetchCallToken: (request: { teamId: string; roomId: string }) => Promise<CallTokenAnswer>,
): OfficeCallHandle {
  const controller = startOfficeCall<Call>({ fetchCallToken, joinCall })
  const [state, setState] = createSignal(controller.state())
  controller.onChange(setState)
  createEffect(() => {
    const current = view()
    if (current) controller.want(wishFromView(current))
  })
  onCleanup(() => void controller.close())
  return { controller, state }
}
