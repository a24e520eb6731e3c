// Starts main's wiring against the fake Electron, plays 'ready', and waits for its office (or setup) window.
import { vi } from 'vitest'
import { startMainProcess, type MainProcessOptions } from '../main/main-process'
import { fakeElectron, type FakeElectronOptions } from './fake-electron'

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
/** A member token for user u1 of team T1 (main reads its claims, never verifies it). */
export const token = `${encode({ alg: 'HS256' })}.${encode({ sub: 'u1', team: 'T1', role: 'member', name: 'Ada', exp: 4_000_000_000 })}.sig`
export const configured = { ok: true as const, serverUrl: 'http://127.0.0.1:8787', token }
export const OFFICE_URL = 'app://hallway/office/index.html'

/** Main's wiring before 'ready', as Electron runs it: nothing that needs ready may happen yet. */
export function startMainBeforeReady(config: MainProcessOptions['config'] = configured, extra: Partial<MainProcessOptions> = {}, fakeOptions: FakeElectronOptions = {}) {
  const fake = fakeElectron({ ...fakeOptions, ready: false })
  const log = vi.fn()
  startMainProcess(fake.electron, { config, buildDir: '/app/out/main', devRendererUrl: undefined, env: { PATH: '/bin' }, resourcesDir: '/app/resources', log, ...extra })
  return { ...fake, log }
}

export async function startMain(config: MainProcessOptions['config'] = configured, extra: Partial<MainProcessOptions> = {}, fakeOptions: FakeElectronOptions = {}) {
  const fake = startMainBeforeReady(config, extra, fakeOptions)
  const registeredBeforeReady = fake.privilegedSchemes.length > 0
  await fake.becomeReady()
  await Promise.resolve()
  const [window] = fake.windows()
  if (!window) throw new Error('no office window opened')
  fake.emitApp('web-contents-created', {}, window.webContents)
  return { ...fake, window, registeredBeforeReady }
}
