// `npm start` on a machine with Go and no LiveKit server: build it, saying so at the start, every
// 15 s while it runs, and at the end, so a first run that takes minutes never looks stuck.

export interface FirstBuildSteps {
  /** Whether Go is here to build with. */
  hasGo(): boolean
  /** Runs the build; its exit code. */
  build(): Promise<number | null>
  say(line: string): void
  /** Milliseconds since some fixed start (injected so a test drives the progress lines). */
  now(): number
}

export const PROGRESS_EVERY_MS = 15_000

/** Builds the SFU when Go is here; true when it was built. */
export async function buildLivekitFirstRun(steps: FirstBuildSteps): Promise<boolean> {
  if (!steps.hasGo()) return false
  steps.say('building the LiveKit server for calls (first run only, about 4 minutes)…')
  const started = steps.now()
  const seconds = () => Math.round((steps.now() - started) / 1000)
  const ticker = setInterval(() => steps.say(`still building LiveKit… ${seconds()} s`), PROGRESS_EVERY_MS)
  try {
    const code = await steps.build()
    steps.say(code === 0 ? `LiveKit built in ${seconds()} s` : `the LiveKit build failed (exit ${code}); see its output above`)
    return code === 0
  } finally {
    clearInterval(ticker)
  }
}
