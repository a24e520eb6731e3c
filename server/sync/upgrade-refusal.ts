import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { WebSocket, WebSocketServer } from 'ws'
import { CloseCode } from '../../shared/contract/close-codes'
import type { Metrics } from '../observe/metrics'
import type { DrainPlan } from './drain-plan'

/** One upgrade the server turns away: completed, then closed with a contract code, counted under a short label. */
export interface RefusedUpgrade {
  req: IncomingMessage
  socket: Duplex
  head: Buffer
}

/** Completes a refused upgrade and closes it with `code` and `reason`; `closed` runs with the socket once the close is sent. */
export function refuseUpgrade(wss: WebSocketServer, metrics: Metrics, { req, socket, head }: RefusedUpgrade, code: number, reason: string, label: string, closed?: (ws: WebSocket) => void): void {
  if (socket.destroyed) return
  metrics.countClose(code)
  metrics.countRefusal(label)
  wss.handleUpgrade(req, socket, head, (ws) => {
    ws.on('error', () => {})
    ws.close(code, reason)
    closed?.(ws)
  })
}

/**
 * One arriving mid-drain (or mid-hand-over): its 1012 names the same moment as everyone else's and,
 * like theirs, is followed by a FIN; a client that has not answered it within the grace is cut, so
 * none holds this process's exit (ws alone waits 30 s for an answer to its close).
 */
export function refuseLeaving(wss: WebSocketServer, metrics: Metrics, upgrade: RefusedUpgrade, plan: DrainPlan): void {
  refuseUpgrade(wss, metrics, upgrade, CloseCode.draining, plan.reasonAt(performance.now()), 'draining', (ws) => {
    upgrade.socket.end()
    const cut = setTimeout(() => ws.terminate(), plan.graceMs)
    ws.once('close', () => clearTimeout(cut))
  })
}
