import type { Page } from '@playwright/test'

declare global {
  interface Window {
    shownNotifications?: string[]
  }
}

/**
 * The OS notification centre is out of a headless browser's reach: this records what the page
 * hands the real Notification API (the boundary), after the member allowed notifications.
 */
export async function recordNotifications(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    window.shownNotifications = []
    const Real = window.Notification
    window.Notification = class extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options)
        window.shownNotifications!.push(`${title} — ${options?.body ?? ''}`)
      }
    }
  })
  return () => page.evaluate(() => window.shownNotifications ?? [])
}
