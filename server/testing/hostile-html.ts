/** Pages built to make a naive tag scan backtrack or go quadratic: shared by the meta-tag test and the bench. */
export const HOSTILE_PAGES: readonly string[] = [
  '<'.repeat(300_000),
  '<meta '.repeat(80_000),
  '<meta content="' + '"'.repeat(200_000),
  '<title>' + 'x'.repeat(400_000),
]
