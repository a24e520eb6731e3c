import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['{shared,server,electron,renderer,scripts,bench}/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
