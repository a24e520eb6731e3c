import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The installed Electron executable, or null. Reads electron's path.txt instead of calling
 * require('electron'), which would try to download a missing binary.
 */
export function electronExecutable(repoRoot: string): string | null {
  const packageDir = join(repoRoot, 'node_modules', 'electron')
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const executable = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(executable) ? executable : null
}
