import { beforeAll, describe, expect, it } from 'vitest'
import { auditElectronCode, type AuditResult } from './electron-audit'

const unsafeWindow = `import { BrowserWindow } from 'electron'
export const open = () => new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } })
`
let app: AuditResult
let planted: AuditResult

beforeAll(async () => {
  ;[app, planted] = await Promise.all([auditElectronCode(), auditElectronCode({ 'electron/main/planted-window.ts': unsafeWindow })])
}, 180_000)

describe('electronegativity over electron/ and renderer/', () => {
  it('finds nothing above informational in the app (false positives carry eng-disable comments naming where main checks)', () => {
    console.log(`electronegativity: ${app.findings.length} findings`, app.findings)
    expect(app.unparsed).toEqual([])
    expect(app.findings.filter((finding) => finding.severity !== 'INFORMATIONAL')).toEqual([])
  })

  it('does audit the tree: a window with node integration and no context isolation, planted in main, is reported', () => {
    const ids = planted.findings.filter((finding) => finding.where.startsWith('electron/main/planted-window.ts')).map((finding) => finding.id)
    expect(ids).toEqual(expect.arrayContaining(['NODE_INTEGRATION_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK']))
  })
})
