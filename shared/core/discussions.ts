import * as Y from 'yjs'
import { chatDocName } from '../contract/doc-names'
import type { CommandOf } from '../contract/commands'
import type { OfficeView } from '../contract/view'
import { Discussion, firstLink, type LinkPreview } from '../model/discussion'
import { ModelError } from '../model/errors'
import type { Writer } from '../model/write-rules'
import { Replica, type ReplicaOptions } from './replica'
import { discussionWritesOf, enforceDiscussionRules, type DiscussionWriteCommand } from './write-precheck'
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
  /** Told the server's reason after it refused a write of a discussion and that copy was reloaded from the server. */
  onReloaded: (reason: string) => void
  /** Who writes, as the write rules see them (read at each command: a refreshed token may change the role). */
  writer: () => Writer
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
    const stamp = { id: command.type === 'postMessage' ? newId() : '', author: userId, at: now() }
    this.enforceRules(discussion, command, stamp)
    switch (command.type) {
      case 'postMessage': {
        discussion.post(stamp.id, userId, command.text, stamp.at, command.mentions)
        unsent.set(stamp.id, acks.localChanges())
        const link = firstLink(command.text)
        if (link) void this.attachPreview(discussion, stamp.id, link)
        return
      }
      case 'editMessage':
        return discussion.edit(command.messageId, userId, command.text, stamp.at)
      case 'deleteMessage':
        return discussion.remove(command.messageId, userId)
    }
  }

  /** Rooms whose discussion a view has open now. */
  openRooms(): string[] {
    return [...this.open.keys()]
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
    const docName = chatDocName(this.options.teamId, roomId)
    return this.settle(roomId, Replica.load({ ...this.options, token: this.token, docName }))
  }

  /** Puts a loading replica in place for the room; commands on the room wait for it. */
  private settle(roomId: string, loading: Promise<Replica>): Promise<void> {
    const opening = (async () => {
      const replica = await loading
      replica.doc.on('update', () => this.options.onChange())
      replica.onRefusedWrite((reason) => void this.reload(roomId, replica, reason))
      const acks = new ServerAcks(replica.provider, () => this.options.onChange())
      this.open.set(roomId, { replica, discussion: new Discussion(replica.doc), acks, unsent: new Map() })
      replica.connect()
      this.options.onChange()
    })().finally(() => this.opening.delete(roomId))
    this.opening.set(roomId, opening)
    return opening
  }

  /** The server refused a write of this discussion: drop the copy everywhere and sync it afresh. */
  private async reload(roomId: string, stale: Replica, reason: string): Promise<void> {
    if (this.open.get(roomId)?.replica !== stale) return
    this.open.delete(roomId)
    await this.settle(roomId, stale.replaceWithServerCopy())
    this.options.onReloaded(reason)
  }

  private async closeRoom(roomId: string): Promise<void> {
    // Closing while it opens (or reloads) must not leave it open behind the view.
    await this.opening.get(roomId)?.catch(() => undefined)
    const entry = this.open.get(roomId)
    if (!entry) return
    this.open.delete(roomId)
    await entry.replica.close()
    this.options.onChange()
  }

  /** Throws the write rules' refusal before anything is written. */
  private enforceRules(discussion: Discussion, command: DiscussionWriteCommand, stamp: { id: string; author: string; at: number }): void {
    let message = null
    if (command.type !== 'postMessage') {
      const stored = discussion.messages.toArray().find((m): m is Y.Map<unknown> => m instanceof Y.Map && m.get('id') === command.messageId)
      // A message that is gone: the model says so, and nothing is written.
      if (!stored) return
      const author = stored.get('author')
      message = { author: typeof author === 'string' ? author : null }
    }
    enforceDiscussionRules(discussionWritesOf(command, stamp), this.options.writer(), message)
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
