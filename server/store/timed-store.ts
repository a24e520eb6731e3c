import type { Histogram } from '../observe/histogram'
import type { DocStore } from './doc-store'

/** The same store, with each load, append and compaction timed into `histogram` (label op). */
export function timedDocStore(store: DocStore, histogram: Histogram): DocStore {
  return {
    load: (docName) => histogram.time('load', () => store.load(docName)),
    append: (docName, update) => histogram.time('append', () => store.append(docName, update)),
    compact: (docName) => histogram.time('compact', () => store.compact(docName)),
    onExternalChange: (listener) => store.onExternalChange(listener),
    close: () => store.close(),
  }
}
