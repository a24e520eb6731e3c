import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LIVEKIT_BINARY, LIVEKIT_INSTALL_SCRIPT } from './plan'
import { livekitStatus, missingDebianPackages } from './probe'

const repo = fileURLToPath(new URL('../..', import.meta.url))

describe('setup probe', () => {
  it('reads dpkg: an installed package is present and a name dpkg does not know is missing', () => {
    // chromium is installed wherever npm test got this far: its own setup step put it there.
    expect(missingDebianPackages(['chromium', 'hallway-no-such-package'])).toEqual(['hallway-no-such-package'])
  })

  describe('LiveKit status from install.sh --status, in a scratch checkout', () => {
    let scratch: string
    beforeEach(() => {
      scratch = mkdtempSync(join(tmpdir(), 'hallway-setup-'))
      mkdirSync(join(scratch, 'scripts/livekit'), { recursive: true })
      mkdirSync(join(scratch, '.cache/livekit'), { recursive: true })
      copyFileSync(join(repo, LIVEKIT_INSTALL_SCRIPT), join(scratch, LIVEKIT_INSTALL_SCRIPT))
    })
    afterEach(() => rmSync(scratch, { recursive: true, force: true }))

    it('is missing when nothing is built, and asking builds nothing', () => {
      expect(livekitStatus(scratch)).toEqual({ version: '1.13.5', cached: false })
      expect(existsSync(join(scratch, LIVEKIT_BINARY))).toBe(false)
    })

    it('is cached when the binary there reports the version install.sh builds', () => {
      symlinkSync(join(repo, LIVEKIT_BINARY), join(scratch, LIVEKIT_BINARY))
      expect(livekitStatus(scratch)).toEqual({ version: '1.13.5', cached: true })
    })

    it('is missing when the binary there is another version', () => {
      writeFileSync(join(scratch, LIVEKIT_BINARY), '#!/bin/sh\necho "livekit-server version 1.9.0"\n')
      chmodSync(join(scratch, LIVEKIT_BINARY), 0o755)
      expect(livekitStatus(scratch)).toEqual({ version: '1.13.5', cached: false })
    })
  })
})
