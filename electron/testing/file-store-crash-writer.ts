// Child process of file-store.test.ts's crash test: appends numbered updates forever and prints
// "ack N" once append() of update N has resolved. The test SIGKILLs it mid-stream.
import { FileStorage } from '../core-process/file-store'
import { crashPayload } from './file-store-crash-payload'

const [dir, docName] = process.argv.slice(2)
if (!dir || !docName) throw new Error('usage: file-store-crash-writer.ts DIR DOC')
const storage = new FileStorage(dir)
for (let n = 0; ; n++) {
  await storage.append(docName, crashPayload(n))
  process.stdout.write(`ack ${n}\n`)
}
