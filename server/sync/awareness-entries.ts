/** The client ids y-protocols' Awareness reports to its 'update' and 'change' listeners. */
export interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}

export { encodeAwarenessEntries } from '../../shared/contract/awareness-update'
