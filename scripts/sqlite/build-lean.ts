// Builds the lean SQLite binding the store runs on (server/store/sqlite-lean-build.ts) from the installed
// better-sqlite3's sources, once per better-sqlite3 version, node ABI and options: setup runs it
// (`node --import tsx scripts/sqlite/build-lean.ts`). About 45 s on two cores; the two compiles run side by side.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { LEAN_SQLITE, builtLeanBinding, leanBindingFile } from '../../server/store/sqlite-lean-build'

export const COMPILERS = ['cc', 'g++'] as const

/** Where node's headers are: npm_config_nodedir (as node-gyp), else beside this node (Debian's /usr, official tarballs). */
export function nodeHeaders(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const roots = [env.npm_config_nodedir, join(dirname(process.execPath), '..')].filter((root): root is string => !!root)
  return roots.map((root) => join(root, 'include', 'node')).find((dir) => existsSync(join(dir, 'node.h')))
}

/** What is missing to build it, as the commands that install it; empty when it can be built. */
export function leanBuildNeeds(): string[] {
  const needs: string[] = []
  const missing = COMPILERS.filter((compiler) => spawnSync(compiler, ['--version'], { stdio: 'ignore' }).status !== 0)
  if (missing.length > 0) needs.push(`No ${missing.join(' or ')} on this machine. Install a C and C++ compiler: sudo apt-get install -y build-essential`)
  if (!nodeHeaders()) {
    needs.push(`Node's headers (node.h) are not beside ${process.execPath}. Install the node package that ships them, or set npm_config_nodedir to a node source or headers directory.`)
  }
  return needs
}

function compile(argv: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'inherit', 'inherit'] })
    child.on('error', reject)
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${argv[0]} failed (${signal ?? `exit ${code}`}): ${argv.join(' ')}`))))
  })
}

/** Builds into a scratch directory beside the target and moves the result in place, so a half build is never loaded. */
export async function buildLeanBinding(target = leanBindingFile()): Promise<void> {
  const needs = leanBuildNeeds()
  if (needs.length > 0) throw new Error(`cannot build the lean SQLite binding:\n${needs.join('\n')}`)
  const sources = dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'))
  const scratch = `${dirname(target)}.partial-${process.pid}`
  rmSync(scratch, { recursive: true, force: true })
  mkdirSync(scratch, { recursive: true })
  try {
    // node-gyp's -m64 only where it means something: aarch64's compilers refuse it.
    const wordSize = process.arch === 'x64' ? ['-m64'] : []
    const shared = [
      '-fPIC', '-pthread', ...wordSize, '-w', '-fno-omit-frame-pointer', '-DNDEBUG', `-I${nodeHeaders()}`, `-I${join(sources, 'deps', 'sqlite3')}`,
      '-DNODE_GYP_MODULE_NAME=better_sqlite3', '-DUSING_UV_SHARED=1', '-DUSING_V8_SHARED=1', '-D_GLIBCXX_USE_CXX11_ABI=1',
      '-D_FILE_OFFSET_BITS=64', '-D_LARGEFILE_SOURCE', '-D__STDC_FORMAT_MACROS',
    ]
    const sqliteObject = join(scratch, 'sqlite3.o')
    const addonObject = join(scratch, 'better_sqlite3.o')
    await Promise.all([
      compile(['cc', ...shared, ...LEAN_SQLITE.sqliteFlags, ...LEAN_SQLITE.defines.map((d) => `-D${d}`), '-c', join(sources, 'deps', 'sqlite3', 'sqlite3.c'), '-o', sqliteObject]),
      compile(['g++', ...shared, '-DBUILDING_NODE_EXTENSION', ...LEAN_SQLITE.addonFlags, '-c', join(sources, 'src', 'better_sqlite3.cpp'), '-o', addonObject]),
    ])
    const linked = join(scratch, 'better_sqlite3.node')
    await compile(['g++', '-shared', '-pthread', ...wordSize, ...LEAN_SQLITE.linkFlags, '-Wl,-soname=better_sqlite3.node', addonObject, sqliteObject, '-o', linked])
    rmSync(sqliteObject)
    rmSync(addonObject)
    // Every symbol bound now, not at its first call: a library missing one fails here instead of in a server.
    await compile([process.execPath, '-e', `process.dlopen({ exports: {} }, ${JSON.stringify(linked)}, require('node:os').constants.dlopen.RTLD_NOW)`])
    rmSync(dirname(target), { recursive: true, force: true })
    mkdirSync(dirname(dirname(target)), { recursive: true })
    renameSync(scratch, dirname(target))
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true })
    throw error
  }
}

/** `npm start`: builds it on the first run where it can; where it cannot, says so and the store runs on stock. */
export async function ensureLeanBinding(say: (line: string) => void): Promise<void> {
  if (builtLeanBinding()) return
  const needs = leanBuildNeeds()
  const fallback = "the store runs on better-sqlite3's own SQLite, with ~1.1 MB more idle memory"
  if (needs.length > 0) return say(`no lean SQLite build: ${needs.join(' ')} Until then ${fallback}.`)
  say('building the lean SQLite the store runs on (on the first run, about 45 s)…')
  try {
    await buildLeanBinding()
  } catch (error) {
    say(`the lean SQLite build failed (${(error as Error).message}); ${fallback}.`)
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const target = leanBindingFile()
  const started = Date.now()
  console.log(`sqlite: building the lean SQLite binding (about 45 s) into ${target}`)
  buildLeanBinding(target).then(
    () => console.log(`sqlite: built in ${((Date.now() - started) / 1000).toFixed(1)} s`),
    (error: Error) => {
      console.error(`sqlite: ${error.message}\nThe store still runs on better-sqlite3's own build, with ~1.1 MB more idle RSS.`)
      process.exit(1)
    },
  )
}
