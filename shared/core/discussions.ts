import { chatDocName } from '../contract/doc-names'
import type { CommandOf } from '../contract/commands'
import type { OfficeView } from '../contract/view'
import { Discussion, firstLink, type LinkPreview } from '../model/discussion'
import { ModelError } from '../model/errors'
import { Replica, type ReplicaOptions } from './replica'
import { ServerAcks } from './server-acks'

export type DiscussionCommand = CommandOf<'openDiscussion' | 'closeDiscussion' | 'postMessage' | 'editMessage' | 'deleteMessage'>

const discussionTypes = new Set<string>(['openDiscussion', 'closeDiscussion', 'postMessage', 'editMessage', 'deleteMessage'])
export function isDiscussionCommand(command: { type: string }): command is DiscussionCommand {
  return discussionTypes.has(command.type)
}

export interface DiscussionHubOptions extends Omit<ReplicaOptions, 'docName'> {
  teamId: string
  userId: string
  now: () => number
  newId: () => string
  onChange: () => void
  /** Fetches a link preview through the server (GET /api/unfurl); null when none. */
  fetchPreview: (url: string) => Promise<LinkPreview | null>
}

interface OpenDiscussion {
  replica: Replica
  discussion: Discussion
  acks: ServerAcks
  /** Messages posted here that the server may not have yet, with the local change that posted each. */
  unsent: Map<string, number>
}

/** Room discussions: each its own document, loaded only while a view has it open. */
export class DiscussionHub {
  private readonly open = new Map<string, OpenDiscussion>()
  private readonly opening = new Map<string, Promise<void>>()

  private token: string

  constructor(private readonly options: DiscussionHubOptions) {
    this.token = options.token
  }

  async run(command: DiscussionCommand): Promise<void> {
    if (command.type === 'openDiscussion') return this.openRoom(command.roomId)
    if (command.type === 'closeDiscussion') return this.closeRoom(command.roomId)
    await this.openRoom(command.roomId)
    const { discussion, acks, unsent } = this.open.get(command.roomId)!
    const { userId, now, newId } = this.options
    switch (command.type) {
      case 'postMessage': {
        const id = newId()
        discussion.post(id, userId, command.text, now())
        unsent.set(id, acks.localChanges())
        const link = firstLink(command.text)
        if (link) void this.attachPreview(discussion, id, link)
        return
      }
      case 'editMessage':
        return discussion.edit(command.messageId, userId, command.text, now())
      case 'deleteMessage':
        return discussion.remove(command.messageId, userId)
    }
  }

  views(): OfficeView['discussions'] {
    const out: OfficeView['discussions'] = {}
    for (const [roomId, { discussion, acks, unsent }] of this.open) {
      out[roomId] = {
        messages: discussion.list().map((message) => {
          const change = unsent.get(message.id)
          return { ...message, delivery: change === undefined ? 'sent' : acks.deliveryOf(change) }
        }),
      }
      for (const [id, change] of unsent) if (acks.deliveryOf(change) === 'sent') unsent.delete(id)
    }
    return out
  }

  /** Retry now reaches the open discussions too, so messages waiting for the server go at once. */
  reconnectNow(): void {
    for (const { replica } of this.open.values()) replica.reconnectNow()
  }

  setToken(token: string): void {
    this.token = token
    for (const { replica } of this.open.values()) replica.setToken(token)
  }

  async close(): Promise<void> {
    await Promise.all([...this.opening.values()].map((p) => p.catch(() => undefined)))
    await Promise.all([...this.open.values()].map(({ replica }) => replica.close()))
    this.open.clear()
  }

  private openRoom(roomId: string): Promise<void> {
    if (this.open.has(roomId)) return Promise.resolve()
    const pending = this.opening.get(roomId)
    if (pending) return pending
    const opening = (async () => {
      const replica = await Replica.load({ ...this.options, token: this.token, docName: chatDocName(this.options.teamId, roomId) })
      replica.doc.on('update', () => this.options.onChange())
      const acks = new ServerAcks(replica.provider, () => this.options.onChange())
      this.open.set(roomId, { replica, discussion: new Discussion(replica.doc), acks, unsent: new Map() })
      replica.connect()
      this.options.onChange()
    })().finally(() => this.opening.delete(roomId))
    this.opening.set(roomId, opening)
    return opening
  }

  private async closeRoom(roomId: string): Promise<void> {
    const entry = this.open.get(roomId)
    if (!entry) return
    this.open.delete(roomId)
    await entry.replica.close()
    this.options.onChange()
  }

  private isOpen(discussion: Discussion): boolean {
    return [...this.open.values()].some((entry) => entry.discussion === discussion)
  }

  /** The poster fetches a preview once and stores it with the message; failures leave none. */
  private async attachPreview(discussion: Discussion, messageId: string, url: string): Promise<void> {
    const preview = await this.options.fetchPreview(url).catch(() => null)
    if (!preview || !this.isOpen(discussion)) return
    try {
      discussion.attachPreview(messageId, this.options.userId, preview)
    } catch (error) {
      // The message was deleted while its preview loaded: nothing to attach it to.
      if (!(error instanceof ModelError)) throw error
    }
  }
}
