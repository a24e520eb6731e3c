// Electron's shell: links main hands to the OS's browser.
import type { ElectronApi } from '../../main/electron-api'

export function fakeShell() {
  const opened: string[] = []
  const api: Pick<ElectronApi, 'shell'> = { shell: { openExternal: async (url) => void opened.push(url) } }
  return { api, controls: { opened } }
}
