import type { AppUpdater } from 'electron-updater'
import { z } from 'zod'
import type { ElectronApi } from '../electron-api'
import { readUpdateChannel, saveUpdateChannel } from './update-channel-file'
import { answerUpdateRequests } from './update-ipc'
import { startUpdateService, type UpdateService } from './update-service'

/** HALLWAY_UPDATE_FEED points a build at another feed (a staging server); otherwise the packaged app-update.yml decides. */
export function updateFeedUrl(env: Readonly<Record<string, string | undefined>>, log: (message: string) => void): string | null {
  const value = env.HALLWAY_UPDATE_FEED
  if (!value) return null
  if (z.url({ protocol: /^https?$/ }).safeParse(value).success) return value
  log(`updates: ignored HALLWAY_UPDATE_FEED "${value}": not an http(s) URL`)
  return null
}

/** Starts the updater on the chosen channel and lets our pages watch and steer it. */
export function startUpdates(
  electron: Pick<ElectronApi, 'ipcMain'>,
  options: { updater: AppUpdater; userData: string; env: Readonly<Record<string, string | undefined>>; trustedOrigins: readonly string[]; log(message: string): void },
): UpdateService {
  const service = startUpdateService({
    updater: options.updater,
    feedUrl: updateFeedUrl(options.env, options.log),
    channel: readUpdateChannel(options.userData, options.log),
    saveChannel(channel) {
      try {
        saveUpdateChannel(options.userData, channel)
      } catch (error) {
        options.log(`updates: could not save the ${channel} channel for the next launch: ${(error as Error).message}`)
      }
    },
    log: options.log,
  })
  answerUpdateRequests(electron, { service, trustedOrigins: options.trustedOrigins, log: options.log })
  return service
}
