// electronegativity (Doyensec's Electron security audit) over electron/ and renderer/ as one app,
// so its global checks (navigation limits, permission handlers, CSP) see main and the pages
// together. The pages are audited with the head Vite gives them (scripts/vite-page-head.ts):
// their Content-Security-Policy exists only in the built page. Findings a comment disables
// (`eng-disable CHECK_ID`, each saying where main does the check) are left out by the tool.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { PAGE_POLICIES, withPageHead } from '../vite-page-head'
import { repoRoot } from './build-steps'

/** The Electron the app ships (package.json devDependencies), so version checks need no download. */
export const auditedElectronVersion = (JSON.parse(readFileSync(join(repoRoot, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version

/**
 * Left out: it fetches Electron's release list from GitHub (no network here) and judges the
 * Electron version, which Dependabot-style upgrades track, not this audit.
 */
const skippedChecks = ['AvailableSecurityFixesGlobalCheck']

const level = z.object({ name: z.enum(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CERTAIN', 'FIRM', 'TENTATIVE']), value: z.number() })
const resultSchema = z.object({
  issues: z.array(
    z.object({ id: z.string(), file: z.string(), location: z.object({ line: z.number(), column: z.number() }), severity: level, confidence: level, sample: z.string().optional(), description: z.string() }),
  ),
  errors: z.array(z.object({ file: z.string(), message: z.string(), tolerable: z.boolean() })),
})

export interface AuditFinding {
  id: string
  severity: string
  confidence: string
  /** Relative to the audited tree: electron/…, renderer/… */
  where: string
  description: string
}

export interface AuditResult {
  findings: AuditFinding[]
  /** Files the tool could not parse (a file it cannot read is a file it did not audit). */
  unparsed: string[]
}

type Electronegativity = (options: Record<string, unknown>) => Promise<unknown>

/** `planted`: extra files (path → contents) added to the audited tree, for proving the audit reports what it should. */
export async function auditElectronCode(planted: Readonly<Record<string, string>> = {}): Promise<AuditResult> {
  const tree = mkdtempSync(join(tmpdir(), 'hallway-audit-'))
  try {
    for (const folder of ['electron', 'renderer']) cpSync(join(repoRoot, folder), join(tree, folder), { recursive: true, filter: (path) => !path.endsWith('.test.ts') })
    for (const [page, policy] of Object.entries(PAGE_POLICIES)) writeFileSync(join(tree, page), withPageHead(readFileSync(join(repoRoot, page), 'utf8'), policy))
    for (const [path, contents] of Object.entries(planted)) writeFileSync(join(tree, path), contents)
    const run = createRequire(import.meta.url)('@doyensec/electronegativity') as Electronegativity
    const result = resultSchema.parse(await run({ input: tree, isRelative: true, electronVersionOverride: auditedElectronVersion, excludeFromScan: skippedChecks }))
    return {
      findings: result.issues.map((issue) => ({
        id: issue.id,
        severity: issue.severity.name,
        confidence: issue.confidence.name,
        where: issue.file === 'N/A' ? 'the whole app' : `${issue.file.replace(/^\//, '')}:${issue.location.line}`,
        description: issue.description,
      })),
      unparsed: result.errors.filter((error) => !error.tolerable).map((error) => `${error.file}: ${error.message}`),
    }
  } finally {
    rmSync(tree, { recursive: true, force: true })
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  auditElectronCode().then(({ findings, unparsed }) => {
    for (const finding of findings) console.log(`${finding.severity} (${finding.confidence}) ${finding.id} at ${finding.where}: ${finding.description}`)
    for (const file of unparsed) console.log(`not audited: ${file}`)
    console.log(`${findings.length} findings, ${findings.filter((finding) => finding.severity !== 'INFORMATIONAL').length} above informational`)
  })
}
