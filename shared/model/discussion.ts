import * as Y from 'yjs'
import { ModelError } from './errors'
import { linkPreviewSchema, messageTextSchema, type LinkPreview } from './message-fields'

export { linkPreviewSchema, type LinkPreview } from './message-fields'

export interface ChatMessage {
  id: string
  author: string
  text: string
  at: number
  edited: number | null
  preview: LinkPreview | null
}

/** A room's discussion: its own document, loaded only when opened. */
export class Discussion {
  constructor(readonly doc: Y.Doc) {}

  get messages(): Y.Array<Y.Map<unknown>> {
    return this.doc.getArray('messages')
  }

  post(id: string, author: string, text: string, at: number): void {
    const parsed = messageTextSchema.parse(text)
    this.doc.transact(() => {
      const map = new Y.Map<unknown>()
      this.messages.push([map])
      map.set('id', id)
      map.set('author', author)
      map.set('text', parsed)
      map.set('at', at)
      map.set('edited', null)
      map.set('preview', null)
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
    this.ownMessage(id, by)
    const index = this.messages.toArray().findIndex((map) => map.get('id') === id)
    this.messages.delete(index, 1)
  }

  list(): ChatMessage[] {
    return this.messages.toArray().map(readMessage).filter((m): m is ChatMessage => m !== null)
  }

  private ownMessage(id: string, by: string): Y.Map<unknown> {
    const map = this.messages.toArray().find((m) => m.get('id') === id)
    if (!map) throw new ModelError('That message was deleted.')
    if (map.get('author') !== by) throw new ModelError('You can only change your own messages.')
    return map
  }
}

function readMessage(map: Y.Map<unknown>): ChatMessage | null {
  const id = map.get('id')
  const author = map.get('author')
  const text = map.get('text')
  const at = map.get('at')
  if (typeof id !== 'string' || typeof author !== 'string' || typeof text !== 'string' || typeof at !== 'number') return null
  const edited = map.get('edited')
  const preview = linkPreviewSchema.safeParse(map.get('preview'))
  return { id, author, text, at, edited: typeof edited === 'number' ? edited : null, preview: preview.success ? preview.data : null }
}

/** The first http(s) link in a message, if any: the poster fetches its preview once. */
export function firstLink(text: string): string | null {
  const match = /\bhttps?:\/\/[^\s<>"']+/i.exec(text)
  return match ? match[0].replace(/[).,;!?]+$/, '') : null
}
