import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The Electron executable `npm install` put in node_modules, or null where its download was
 * skipped (ELECTRON_SKIP_BINARY_DOWNLOAD) or failed. Never require('electron') to find out: its
 * index.js starts a download when the binary is missing.
 */
export function installedElectronBinary(repo: string): string | null {
  const packageDir = join(repo, 'node_modules/electron')
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const relative = readFileSync(pathFile, 'utf8').trim()
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist')
  const executable = join(distDir, relative)
  return relative && existsSync(executable) ? executable : null
}
