import type { Logger } from '../observe/log'
import type { Connection } from './connection'

/**
 * A connection heard from since the last sweep is alive: it is not pinged. Members renew their
 * presence every 15 s, so at the default 30 s interval nearly no member is pinged; before, every
 * sweep cost a socket write per member, all in one turn. One that stayed silent is pinged, and cut
 * at the next sweep if it has not answered: still a whole interval to answer, and a dead peer is
 * cut at most three intervals after its last sign of life (two before); its presence is gone from
 * the others after 30 s either way (the awareness timeout).
 */
export function sweepKeepalive(connections: Iterable<Connection>, log: Logger): void {
  for (const connection of connections) {
    if (connection.heard) {
      connection.heard = false
      connection.awaitingPong = false
      continue
    }
    if (connection.awaitingPong) {
      log.info('connection missed its keepalive; cutting it', { conn: connection.id })
      connection.terminate()
      continue
    }
    connection.awaitingPong = true
    connection.ping()
  }
}
