/**
 * Maps a document name (which contains '/') to one flat, portable file name. Lowercase letters,
 * digits, '_' and '-' stay; every other UTF-8 byte becomes '~' plus two hex digits. The mapping
 * is reversible and never yields '.', '..' or a separator; capitals are escaped too because ids
 * are case-sensitive and the file systems of macOS and Windows are not.
 */
export function docFileName(docName: string): string {
  if (docName.length === 0) throw new Error('A document needs a name to be stored.')
  let out = ''
  for (const byte of new TextEncoder().encode(docName)) {
    const char = String.fromCharCode(byte)
    out += /[a-z0-9_-]/.test(char) ? char : '~' + byte.toString(16).padStart(2, '0')
  }
  return out + '.log'
}
