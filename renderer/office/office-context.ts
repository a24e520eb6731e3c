import { createContext, useContext, type Accessor } from 'solid-js'
import type { CommandResult, CoreCommand } from '../../shared/contract/commands'
import type { MemberView, OfficeView } from '../../shared/contract/view'
import type { NoticeTone } from '../ui/notice-stack'
import type { PushToTalk } from './use-push-to-talk'

/** What the office's parts share: the view, the ways to send commands, and a few UI states. */
export interface OfficeControls {
  view: Accessor<OfficeView>
  /** A refusal shows in the notice line. */
  run(command: CoreCommand): Promise<CommandResult>
  /** The caller shows a refusal itself (dialogs). */
  attempt(command: CoreCommand): Promise<CommandResult>
  notify(text: string, tone?: NoticeTone): void
  /** Ticks every 30 s: local times and status expiries. */
  now: Accessor<number>
  invite(member: MemberView): void
  /** The room whose discussion panel is open. */
  discussion: Accessor<string | null>
  toggleDiscussion(roomId: string): void
  /** Hold the talk key to talk, muted otherwise (this device's choice). */
  pushToTalk: PushToTalk
}

export const OfficeContext = createContext<OfficeControls>()

export function useOffice(): OfficeControls {
  const controls = useContext(OfficeContext)
  if (!controls) throw new Error('useOffice() outside the office.')
  return controls
}
