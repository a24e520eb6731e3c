import { randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const SECRET_FILE_NAME = 'secret.key'
const SECRET_BYTES = 32

/**
 * The HS256 signing secret in DIR/secret.key, shared by the server and the CLI. Created on first
 * use (hex text, mode 0600); `wx` makes concurrent first uses agree on one secret.
 */
export function loadOrCreateSecret(dataDir: string): Uint8Array {
  mkdirSync(dataDir, { recursive: true })
  const path = join(dataDir, SECRET_FILE_NAME)
  try {
    writeFileSync(path, randomBytes(SECRET_BYTES).toString('hex') + '\n', { flag: 'wx', mode: 0o600 })
    chmodSync(path, 0o600)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  return readSecret(path)
}

function readSecret(path: string): Uint8Array {
  const text = readFileSync(path, 'utf8').trim()
  if (!/^[0-9a-f]+$/i.test(text) || text.length < SECRET_BYTES * 2 || text.length % 2 !== 0) {
    throw new Error(`${path} is not a Hallway secret (expected at least ${SECRET_BYTES} bytes as hex). Delete it to create a new one; existing tokens will stop working.`)
  }
  return new Uint8Array(Buffer.from(text, 'hex'))
}
