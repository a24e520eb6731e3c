// Media end-to-end tests: `npx playwright test -c e2e/media/playwright.config.ts`.
// Each spec starts its own SFU in a network namespace and drives Chromium members with fake
// devices; they run one at a time because several browsers encode video on a small machine.
import { defineConfig, type Project } from '@playwright/test'

export const mediaProject: Project = {
  name: 'media',
  testDir: import.meta.dirname,
  testMatch: '*.spec.ts',
  timeout: 120_000,
  workers: 1,
  fullyParallel: false,
}

export default defineConfig({
  projects: [mediaProject],
  outputDir: '../../test-results/media',
  reporter: [['list']],
})
