import { defineConfig } from '@playwright/test'

/** End-to-end tests: `web` drives the real web build in Debian's Chromium; `desktop` drives Electron. */
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
  ],
})
