import type { HallwayBridge } from '../../shared/contract/electron-bridge'
import { startAtLoginSchema, type StartAtLogin } from '../../shared/contract/electron-bridge-answers'

/** The setting as main reports it; null without the desktop bridge (the web page) or when main's answer is not one. */
export async function readStartAtLogin(bridge: HallwayBridge | undefined): Promise<StartAtLogin | null> {
  if (!bridge) return null
  return answer(bridge.startAtLogin.get())
}

/** Asks main to start Hallway at login, or not; the setting afterwards, or null when main refused. */
export function chooseStartAtLogin(bridge: HallwayBridge, on: boolean): Promise<StartAtLogin | null> {
  return answer(bridge.startAtLogin.set(on))
}

async function answer(reply: Promise<unknown>): Promise<StartAtLogin | null> {
  const parsed = startAtLoginSchema.safeParse(await reply.catch(() => null))
  return parsed.success ? parsed.data : null
}
