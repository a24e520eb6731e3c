import { For, Show, createEffect, createMemo, createSignal, on, onCleanup, onMount, type Accessor } from 'solid-js'
import type { OfficeView } from '../../../shared/contract/view'
import { useOffice } from '../office-context'
import { MessageItem } from './MessageItem'
import { startsGroup } from './message-groups'
import { estimateOf, offsetsOf, windowOf } from './virtual-window'

type Message = OfficeView['discussions'][string]['messages'][number]

/** A guess for a message not yet measured, until some are. */
const FIRST_ESTIMATE_PX = 48
/** Rendered beyond the visible part, so a quick scroll or a keyboard step finds messages there. */
const OVERSCAN_PX = 600
/** Within this of the bottom counts as reading the newest messages: new ones are followed. */
const FOLLOW_WITHIN_PX = 80

/**
 * The messages, newest last, with only those near the visible part in the DOM: a discussion of
 * 10,000 messages costs the page a few dozen nodes. Each rendered message is measured, and the
 * padding above and below stands in for the rest, so the scrollbar spans the whole discussion.
 */
export function MessageList(props: { roomId: string; messages: Accessor<readonly Message[]> }) {
  const office = useOffice()
  let list!: HTMLDivElement
  // Keyed by id (strings compare by value), so an item keeps its edit state across patches.
  const ids = createMemo(() => props.messages().map((message) => message.id))
  const indexById = createMemo(() => new Map(ids().map((id, index) => [id, index])))
  const heights = new Map<string, number>()
  const [measured, setMeasured] = createSignal(0)
  const [viewport, setViewport] = createSignal({ top: 0, height: 0 })
  const offsets = createMemo(() => {
    measured()
    return offsetsOf(ids(), heights, estimateOf(heights, FIRST_ESTIMATE_PX))
  })
  const range = createMemo(() => windowOf(offsets(), viewport().top, viewport().height, OVERSCAN_PX))
  const shown = createMemo(() => ids().slice(range().start, range().end))

  const sizes = new ResizeObserver((entries) => {
    let changed = false
    for (const entry of entries) {
      const id = (entry.target as HTMLElement).dataset.messageId
      const height = (entry.target as HTMLElement).offsetHeight
      if (id && height > 0 && heights.get(id) !== height) {
        heights.set(id, height)
        changed = true
      }
    }
    if (changed) setMeasured((n) => n + 1)
  })
  onCleanup(() => sizes.disconnect())

  let atBottom = true
  const read = () => {
    setViewport({ top: list.scrollTop, height: list.clientHeight })
    atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < FOLLOW_WITHIN_PX
  }
  const followNewest = () => {
    if (!atBottom) return
    list.scrollTop = list.scrollHeight
    setViewport({ top: list.scrollTop, height: list.clientHeight })
  }
  onMount(() => {
    const resize = new ResizeObserver(() => (atBottom ? followNewest() : read()))
    resize.observe(list)
    onCleanup(() => resize.disconnect())
    followNewest()
  })
  // New messages, or heights measured while reading the newest: stay at the bottom.
  createEffect(on([ids, offsets], () => followNewest(), { defer: true }))

  return (
    // The padding standing in for unrendered messages sits inside the scroller: on the scroller
    // itself it would make the box as tall as the whole discussion.
    // Scrollable by keyboard even when no message holds a focusable control.
    <div class="messages" tabIndex={0} ref={list} onScroll={read}>
      <ol class="message-list" aria-label="Messages" style={{ 'padding-top': `${12 + range().before}px`, 'padding-bottom': `${12 + range().after}px` }}>
        <For each={shown()}>
          {(id) => {
            const index = () => indexById().get(id) ?? -1
            const message = () => props.messages()[index()]
            return (
              <Show when={message()}>
                {(m) => (
                  <MessageItem
                    ref={(element) => {
                      element.dataset.messageId = id
                      sizes.observe(element)
                      onCleanup(() => sizes.unobserve(element))
                    }}
                    roomId={props.roomId}
                    message={m()}
                    author={office.view().members[m().author]}
                    head={startsGroup(props.messages()[index() - 1], m())}
                    position={index() + 1}
                    total={ids().length}
                  />
                )}
              </Show>
            )
          }}
        </For>
      </ol>
    </div>
  )
}
