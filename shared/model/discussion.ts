import * as Y from 'yjs'
import { fieldOf, mapsIn } from './doc-read'
import { ModelError } from './errors'
import { linkPreviewSchema, messageFieldsSchema, messageTextSchema, type LinkPreview } from './message-fields'

export { linkPreviewSchema, type LinkPreview } from './message-fields'

export interface ChatMessage {
  id: string
  author: string
  text: string
  at: number
  edited: number | null
  preview: LinkPreview | null
  /** Members the message mentions, as resolved when it was written. */
  mentions: string[]
}

/**
 * A room's discussion: its own document, loaded only when opened. `messages` holds `unknown`:
 * anything a writer put there that is not a message map is skipped by every reader.
 */
export class Discussion {
  constructor(readonly doc: Y.Doc) {}

  get messages(): Y.Array<unknown> {
    return this.doc.getArray('messages')
  }

  post(id: string, author: string, text: string, at: number, mentions: readonly string[] = []): void {
    const parsed = messageTextSchema.parse(text)
    const mentioned = messageFieldsSchema.shape.mentions.parse([...new Set(mentions)])
    this.doc.transact(() => {
      const map = new Y.Map<unknown>()
      this.messages.push([map])
      map.set('id', id)
      map.set('author', author)
      map.set('text', parsed)
      map.set('at', at)
      map.set('edited', null)
      map.set('preview', null)
      if (mentioned.length > 0) map.set('mentions', mentioned)
    })
  }

  edit(id: string, by: string, text: string, at: number): void {
    const map = this.ownMessage(id, by)
    const parsed = messageTextSchema.parse(text)
    this.doc.transact(() => {
      map.set('text', parsed)
      map.set('edited', at)
    })
  }

  attachPreview(id: string, by: string, preview: LinkPreview): void {
    this.ownMessage(id, by).set('preview', linkPreviewSchema.parse(preview))
  }

  remove(id: string, by: string): void {
    const map = this.ownMessage(id, by)
    this.messages.delete(this.messages.toArray().indexOf(map), 1)
  }

  list(): ChatMessage[] {
    return mapsIn(this.messages).map(readMessage).filter((m): m is ChatMessage => m !== null)
  }

  private ownMessage(id: string, by: string): Y.Map<unknown> {
    const map = mapsIn(this.messages).find((m) => m.get('id') === id)
    if (!map) throw new ModelError('That message was deleted.')
    if (map.get('author') !== by) throw new ModelError('You can only change your own messages.')
    return map
  }
}

const requiredMessageFields = messageFieldsSchema.pick({ id: true, author: true, text: true, at: true })

/**
 * Each field read through the schema its writes go through: a message without a sound id, author,
 * text or time is skipped; a bad edit time or preview reads as none.
 */
export function readMessage(map: Y.Map<unknown>): ChatMessage | null {
  const parsed = requiredMessageFields.safeParse({ id: map.get('id'), author: map.get('author'), text: map.get('text'), at: map.get('at') })
  if (!parsed.success) return null
  const { edited, preview, mentions } = messageFieldsSchema.shape
  return {
    ...parsed.data,
    edited: fieldOf(map, 'edited', edited, null),
    preview: fieldOf(map, 'preview', preview, null),
    mentions: fieldOf(map, 'mentions', mentions, []),
  }
}

/** The first http(s) link in a message, if any: the poster fetches its preview once. */
export function firstLink(text: string): string | null {
  const match = /\bhttps?:\/\/[^\s<>"']+/i.exec(text)
  return match ? match[0].replace(/[).,;!?]+$/, '') : null
}
