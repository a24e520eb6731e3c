import type { CallMark, LinkQuality } from '../../shared/contract/call-activity'
import type { MemberView } from '../../shared/contract/view'
import { readStatusEmoji } from '../../shared/model/status-emoji'
import { statusLine } from './status-format'
import { localTime } from './time-format'

/** "Engineer · 15:04 local time": what a tooltip or second line says about someone. */
export function memberDetails(member: MemberView, now: number, locale?: string): string {
  const time = localTime(member.timezone, now, locale)
  return [member.title, time && `${time} local time`].filter(Boolean).join(' · ')
}

/** What a screen reader hears after the name: status (its emoji by name), do-not-disturb, away. */
export function presenceSpeech(member: MemberView, now: number, locale?: string): string {
  const parts: string[] = []
  const status = member.status
  const emoji = status ? readStatusEmoji(status.emoji) : null
  const line = status ? statusLine({ ...status, dnd: false }, now, locale) : ''
  const said = [emoji?.kind === 'image' ? emoji.label : '', line].filter(Boolean).join(', ')
  if (said) parts.push(`Status: ${said}.`)
  if (status?.dnd) parts.push('Do not disturb.')
  if (member.online && member.idle) parts.push('Away.')
  return parts.join(' ')
}

const linkWords: Record<LinkQuality, string> = {
  excellent: 'Excellent connection',
  good: 'Good connection',
  poor: 'Poor connection',
  lost: 'Connection lost',
  unknown: '',
}

/** "Poor connection": the words for a member's link in my call ('' when LiveKit does not know yet). */
export function linkLabel(quality: LinkQuality): string {
  return linkWords[quality]
}

/** What a screen reader hears about someone in my call: speaking now, and their link. */
export function callSpeech(mark: CallMark | undefined): string {
  if (!mark) return ''
  const link = linkLabel(mark.quality)
  return [mark.speaking && 'Speaking.', link && `${link}.`].filter(Boolean).join(' ')
}

/** What a camera, screen and mic say about someone online: "Sharing their screen. Camera on. Muted." */
export function mediaSpeech(member: MemberView): string {
  if (!member.online) return ''
  return [member.screen && 'Sharing their screen.', member.cam && 'Camera on.', member.mic ? 'Mic on.' : 'Muted.'].filter(Boolean).join(' ')
}

/**
 * Everything a face's marks show, as the words of its tooltip and its accessible description:
 * "Engineer · 15:04 local time. Mic on. Status: Deep work. Away. Speaking."
 */
export function faceDescription(member: MemberView, now: number, mark?: CallMark, locale?: string): string {
  const details = memberDetails(member, now, locale)
  return [details && `${details}.`, mediaSpeech(member), presenceSpeech(member, now, locale), callSpeech(mark)].filter(Boolean).join(' ')
}
