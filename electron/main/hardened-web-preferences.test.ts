import { describe, expect, it } from 'vitest'
import { hardenedWebPreferences, type PageOptions } from './hardened-web-preferences'

describe('hardened web preferences', () => {
  it('sandboxes the page, isolates its world and gives it no Node, whatever the page options', () => {
    expect(hardenedWebPreferences('/preload.cjs', { spellcheck: true })).toEqual({
      preload: '/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    })
  })

  it('keeps the hardening when page options try to undo it', () => {
    const hostile = { spellcheck: false, sandbox: false, contextIsolation: false, nodeIntegration: true, webSecurity: false, preload: '/evil.cjs' }
    expect(hardenedWebPreferences('/preload.cjs', hostile as PageOptions)).toEqual({
      preload: '/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    })
  })
})
