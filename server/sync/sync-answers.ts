import * as Y from 'yjs'
import { encodeSyncStep1, encodeSyncStep2 } from './protocol'
import { WireFrame } from './ws-frame'

/**
 * A document's sync answers, encoded (and framed) once per version of the document and shared by
 * every connection that asks the same: after a restart the whole team joins at once, and each
 * would otherwise encode the state vector and the whole document again. Only the two questions a
 * reconnect wave asks many times are kept: "everything" (a new client) and "what I lack" from a
 * client that already has this version. Any other state vector is answered afresh.
 */
export class SyncAnswers {
  private stateVector: Uint8Array | null = null
  private step1: WireFrame | null = null
  private everything: WireFrame | null = null
  private nothingNew: WireFrame | null = null

  constructor(private readonly doc: Y.Doc) {}

  /** The document changed: every kept answer is stale. */
  changed(): void {
    this.stateVector = this.step1 = this.everything = this.nothingNew = null
  }

  /** The server's sync step 1: its state vector. */
  syncStep1(): WireFrame {
    return (this.step1 ??= WireFrame.kept(encodeSyncStep1(this.doc)))
  }

  /** Sync step 2: what a client with `clientVector` lacks. */
  syncStep2(clientVector: Uint8Array): WireFrame {
    if (clientVector.byteLength === 1 && clientVector[0] === 0) return (this.everything ??= WireFrame.kept(encodeSyncStep2(this.doc)))
    this.stateVector ??= Y.encodeStateVector(this.doc)
    if (Buffer.from(clientVector.buffer, clientVector.byteOffset, clientVector.byteLength).equals(this.stateVector)) {
      return (this.nothingNew ??= WireFrame.kept(encodeSyncStep2(this.doc, clientVector)))
    }
    return new WireFrame(encodeSyncStep2(this.doc, clientVector))
  }
}
