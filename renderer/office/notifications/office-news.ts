// What in the office is worth a system notification: a knock on the room I am in, an invitation
// into someone's room, a mention of me in a discussion I have not read. Each is told once: `seen`
// holds what was already there.
import type { OfficeView } from '../../../shared/contract/view'
import { openPulls, pullKey } from '../office-selectors'
import type { NotificationChoices, NotificationKind } from '../settings/notification-choices'

export interface News {
  kind: NotificationKind
  /** One per event, so the host replaces rather than stacks a repeat. */
  tag: string
  title: string
  body: string
}

function allNews(view: OfficeView): News[] {
  const news: News[] = []
  const nameOf = (userId: string) => view.members[userId]?.name || 'Someone'
  const roomName = (roomId: string) => view.rooms[roomId]?.name ?? 'a room'
  const here = view.me.room ? view.rooms[view.me.room] : undefined
  for (const knock of here?.knocks ?? []) {
    news.push({ kind: 'knocks', tag: `knock:${here!.id}:${knock.user}:${knock.at}`, title: `${nameOf(knock.user)} is knocking`, body: `Let them into ${here!.name}?` })
  }
  // The invitations the banner offers: not into the room I am in already, newest per person.
  for (const pull of openPulls(view, new Set())) {
    news.push({ kind: 'invitations', tag: `pull:${pullKey(pull)}`, title: `${nameOf(pull.from)} invites you`, body: `Join them in ${roomName(pull.room)}?` })
  }
  for (const mention of view.me.mentions) {
    if (!view.rooms[mention.room]) continue
    news.push({ kind: 'mentions', tag: `mention:${mention.room}:${mention.seq}`, title: `${nameOf(mention.by)} mentioned you`, body: `In the ${roomName(mention.room)} discussion.` })
  }
  return news
}

/** The news not in `seen`, of the kinds this device wants; `seen` becomes everything current. */
export function freshNews(view: OfficeView, seen: Set<string>, choices: NotificationChoices): News[] {
  const current = allNews(view)
  const fresh = current.filter((news) => !seen.has(news.tag) && choices[news.kind])
  seen.clear()
  for (const news of current) seen.add(news.tag)
  return fresh
}
