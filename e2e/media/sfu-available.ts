// Why the media end-to-end tests cannot run here, or null when they can.
import { existsSync } from 'node:fs'
import { livekitBinary } from '../../scripts/livekit/sfu'

export function sfuUnavailable(): string | null {
  if (!existsSync(livekitBinary)) return `no LiveKit server at ${livekitBinary} (run scripts/livekit/install.sh)`
  if (process.getuid?.() !== 0) return 'network namespaces for the SFU need root'
  if (!existsSync('/usr/bin/chromium')) return 'no /usr/bin/chromium'
  return null
}
