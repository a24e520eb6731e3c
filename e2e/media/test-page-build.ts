// Builds e2e/media/test-page once per worker process (a few seconds), so every media spec
// and the benchmark run against the current source without a global setup.
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

const config = fileURLToPath(new URL('./test-page/vite.config.ts', import.meta.url))
let built: Promise<unknown> | null = null

export function ensureTestPageBuilt(): Promise<unknown> {
  built ??= build({ configFile: config, logLevel: 'warn' })
  return built
}
