// Inspects a packaged app.asar the way the app will use it: from the entry package.json names and
// the files main loads by path, follows every import, page script, stylesheet and asset URL inside
// the archive. A file that is not there, or a package import (which would need node_modules), is a
// module the packaged app would fail to load.
import { extractFile, listPackage } from '@electron/asar'
import { statSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { posix } from 'node:path'
import { parseAst } from 'vite'

export const asarBudgetBytes = 10 * 1024 * 1024

/** Server-side packages (package.json dependencies the app must not carry) and their heaviest transitive ones. */
export const serverOnlyPackages = ['pg', 'ioredis', 'better-sqlite3', 'livekit-server-sdk', '@livekit/protocol', 'jose', 'prebuild-install', 'tar-fs', 'node-abi']

/** What main loads by path besides the package.json entry: the core (utilityProcess), the preload, the pages. */
export const loadedByPath = ['out/main/core.js', 'out/preload/index.cjs', 'out/renderer/office/index.html', 'out/renderer/media/host/index.html']

export interface Reference {
  from: string
  specifier: string
}

export interface AsarReport {
  sizeBytes: number
  /** Every file in the archive, relative, with / separators. */
  files: string[]
  /** The files reached from the entry points. */
  loaded: string[]
  /** References to a file the archive does not hold. */
  missing: Reference[]
  /** Imports of a package: neither electron nor a Node builtin. */
  packageImports: Reference[]
  /** Archive paths inside node_modules. */
  nodeModules: string[]
}

const builtins = new Set([...builtinModules, 'electron'])
const isBuiltin = (specifier: string) => builtins.has(specifier.replace(/^node:/, '')) || specifier.startsWith('electron/')

function isNode(value: unknown): value is { type: string } & Record<string, unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
}

function stringLiteral(node: unknown): string | undefined {
  return isNode(node) && node.type === 'Literal' && typeof node.value === 'string' ? node.value : undefined
}

const isImportMetaUrl = (node: unknown) =>
  isNode(node) && node.type === 'MemberExpression' && isNode(node.object) && node.object.type === 'MetaProperty' && isNode(node.property) && node.property.name === 'url'

/** Static and dynamic imports, require('…') (or a createRequire's) and new URL('…', import.meta.url) of a bundle. */
export function scriptReferences(code: string): string[] {
  const found: string[] = []
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit)
    if (!isNode(node)) return
    switch (node.type) {
      case 'ImportDeclaration':
      case 'ExportAllDeclaration':
      case 'ExportNamedDeclaration':
      case 'ImportExpression': {
        const source = stringLiteral(node.source)
        if (source !== undefined) found.push(source)
        break
      }
      case 'CallExpression': {
        const args = node.arguments as unknown[]
        const callee = node.callee
        // require2, require3…: Vite's names for a createRequire(import.meta.url) in bundled ESM.
        if (isNode(callee) && callee.type === 'Identifier' && /^require\d*$/.test(String(callee.name)) && args.length === 1) {
          const source = stringLiteral(args[0])
          if (source !== undefined) found.push(source)
        }
        break
      }
      case 'NewExpression': {
        const args = node.arguments as unknown[]
        const callee = node.callee
        if (isNode(callee) && callee.type === 'Identifier' && callee.name === 'URL' && args.length === 2 && isImportMetaUrl(args[1])) {
          const source = stringLiteral(args[0])
          if (source !== undefined) found.push(source.startsWith('.') ? source : `./${source}`)
        }
        break
      }
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'type' && typeof value === 'object') visit(value)
  }
  visit(parseAst(code))
  return found
}

/** Script sources and linked files (stylesheets, module preloads, icons) of a page. */
export function pageReferences(html: string): string[] {
  return [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g)].map((match) => match[1]!)
}

export function stylesheetReferences(css: string): string[] {
  return [...css.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)].map((match) => match[1]!).filter((url) => !/^(?:data:|https?:|#)/.test(url))
}

function referencesOf(path: string, text: string): string[] {
  if (/\.(?:js|cjs|mjs)$/.test(path)) return scriptReferences(text)
  if (path.endsWith('.html')) return pageReferences(text).filter((url) => !/^(?:https?:|data:)/.test(url))
  if (path.endsWith('.css')) return stylesheetReferences(text)
  return []
}

export function inspectAppAsar(asarPath: string): AsarReport {
  const files = listPackage(asarPath, { isPack: false }).map((path) => path.replace(/\\/g, '/').replace(/^\//, ''))
  const fileSet = new Set(files)
  const read = (path: string) => extractFile(asarPath, path).toString('utf8')
  const { main } = JSON.parse(read('package.json')) as { main?: unknown }
  const missing: Reference[] = []
  const packageImports: Reference[] = []
  const loaded = new Set<string>()
  // Electron falls back to index.js when package.json names no main.
  const pending: Reference[] = [typeof main === 'string' ? main : 'index.js', ...loadedByPath].map((specifier) => ({ from: 'package.json', specifier: `./${specifier}` }))
  for (let reference = pending.pop(); reference; reference = pending.pop()) {
    const { from, specifier } = reference
    if (!/^\.{1,2}\/|^\//.test(specifier)) {
      if (!isBuiltin(specifier)) packageImports.push(reference)
      continue
    }
    const path = posix.normalize(posix.join(posix.dirname(from), specifier.split(/[?#]/)[0]!)).replace(/^\//, '')
    if (loaded.has(path)) continue
    if (!fileSet.has(path)) {
      missing.push(reference)
      continue
    }
    loaded.add(path)
    for (const next of referencesOf(path, read(path))) pending.push({ from: path, specifier: next })
  }
  return {
    sizeBytes: statSync(asarPath).size,
    files,
    loaded: [...loaded].sort(),
    missing,
    packageImports,
    nodeModules: files.filter((path) => path.split('/').includes('node_modules')),
  }
}

/** The report's problems, one line each; empty when the archive is fit to ship. */
export function asarProblems(report: AsarReport): string[] {
  return [
    ...report.missing.map(({ from, specifier }) => `${from} loads ${specifier}, which app.asar does not hold`),
    ...report.packageImports.map(({ from, specifier }) => `${from} imports the package ${specifier}: bundle it (electron.vite.config.ts)`),
    ...report.nodeModules.filter((path) => serverOnlyPackages.some((name) => path.includes(`node_modules/${name}/`))).map((path) => `server-only file in app.asar: ${path}`),
    ...(report.sizeBytes > asarBudgetBytes ? [`app.asar is ${(report.sizeBytes / 2 ** 20).toFixed(1)} MB, over the ${asarBudgetBytes / 2 ** 20} MB budget`] : []),
  ]
}
