import { defineConfig } from '@playwright/test'
import { mediaProject } from './e2e/media/playwright.config'

/** End-to-end tests: `web` drives the real web build in Debian's Chromium; `desktop` drives Electron; `media` runs calls. */
export default defineConfig({
  testDir: 'e2e',
  retries: 0,
  workers: 1,
  fullyParallel: false,
  reporter: 'list',
  // Playwright empties its output folder on start: keep it apart from other runners' reports.
  outputDir: 'test-results/e2e',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  projects: [
    {
      name: 'web',
      testDir: 'e2e/web',
      use: {
        browserName: 'chromium',
        headless: true,
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--use-fake-device-for-media-stream',
            '--use-fake-ui-for-media-stream',
          ],
        },
      },
    },
    { name: 'desktop', testDir: 'e2e/desktop' },
    // Calls through the real LiveKit SFU in its own network namespace (root, scripts/livekit/install.sh).
    mediaProject,
  ],
})
