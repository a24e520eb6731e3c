import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The SQLite build the store runs on once setup has made it (scripts/sqlite/build-lean.ts): better-sqlite3's
 * own sources and options without the extensions the store never uses (FTS3/4/5, R*Tree, Geopoly, dbstat,
 * STAT4, math, percentile, soundex, JSON) and SQLite compiled for size. Its code is what an idle server
 * pages in by opening the store: 0.72 MB against stock's 1.80 MB (bench/capacity/README.md, session 14).
 * The library's own exports stay (better-sqlite3 calls them, loadExtension included).
 */
export const LEAN_SQLITE = {
  defines: [
    'HAVE_INT16_T=1', 'HAVE_INT32_T=1', 'HAVE_INT8_T=1', 'HAVE_STDINT_H=1', 'HAVE_UINT16_T=1', 'HAVE_UINT32_T=1',
    'HAVE_UINT8_T=1', 'HAVE_USLEEP=1',
    'SQLITE_DEFAULT_CACHE_SIZE=-16000', 'SQLITE_DEFAULT_FOREIGN_KEYS=1', 'SQLITE_DEFAULT_MEMSTATUS=0',
    'SQLITE_DEFAULT_WAL_SYNCHRONOUS=1', 'SQLITE_DQS=0',
    // better-sqlite3 needs it (Statement#columns()).
    'SQLITE_ENABLE_COLUMN_METADATA',
    'SQLITE_ENABLE_UPDATE_DELETE_LIMIT', 'SQLITE_LIKE_DOESNT_MATCH_BLOBS', 'SQLITE_OMIT_DEPRECATED',
    'SQLITE_OMIT_PROGRESS_CALLBACK', 'SQLITE_OMIT_SHARED_CACHE', 'SQLITE_OMIT_TCL_VARIABLE', 'SQLITE_THREADSAFE=2',
    'SQLITE_TRACE_SIZE_LIMIT=32', 'SQLITE_USE_URI=0',
    'SQLITE_OMIT_JSON',
  ],
  /** sqlite3.c: for size; its symbols hidden, as better-sqlite3's own link hides them. */
  sqliteFlags: ['-std=c99', '-Os', '-fvisibility=hidden'],
  /** better-sqlite3's glue between V8 and SQLite: as better-sqlite3 builds it. */
  addonFlags: ['-std=c++20', '-O3', '-fno-rtti', '-fno-exceptions'],
  linkFlags: ['-Wl,-Bsymbolic'],
} as const

const repo = fileURLToPath(new URL('../../', import.meta.url))

/** Where the lean build of this better-sqlite3, for this node's ABI and these options, lives. */
export function leanBindingFile(root = repo): string {
  const version = (createRequire(import.meta.url)('better-sqlite3/package.json') as { version: string }).version
  const options = createHash('sha256').update(JSON.stringify(LEAN_SQLITE)).digest('hex').slice(0, 12)
  return join(root, '.cache', 'better-sqlite3', `${version}-node${process.versions.modules}-${options}`, 'better_sqlite3.node')
}

/** The lean build's path when setup has made it; undefined sends the store to better-sqlite3's own build. */
export function builtLeanBinding(root = repo): string | undefined {
  const file = leanBindingFile(root)
  return existsSync(file) ? file : undefined
}
