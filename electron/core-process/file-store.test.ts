import { spawn } from 'node:child_process'
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { docFileName } from './doc-file-name'
import { crashPayload } from '../testing/file-store-crash-payload'
import { FileStorage } from './file-store'
import { encodeRecord } from './log-records'

const doc = 'team/T1'
const chat = 'team/T1/room/r-1/chat'
const bytes = (...values: number[]) => new Uint8Array(values)

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hallway-file-store-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('FileStorage', () => {
  it('round-trips appended updates per document, in order, across reopening', async () => {
    const storage = new FileStorage(dir)
    await storage.append(doc, bytes(1, 2, 3))
    await storage.append(chat, bytes(9))
    await storage.append(doc, bytes())
    await storage.append(doc, bytes(4))
    await storage.close()

    const reopened = new FileStorage(dir)
    expect(await reopened.load(doc)).toEqual([bytes(1, 2, 3), bytes(), bytes(4)])
    expect(await reopened.load(chat)).toEqual([bytes(9)])
    expect(await reopened.load('team/never-written')).toEqual([])
    await reopened.close()
  })

  it('keeps each document in one flat file whose name cannot escape the directory', async () => {
    const storage = new FileStorage(dir)
    await storage.append('../../etc/passwd', bytes(1))
    await storage.append(doc, bytes(2))
    await storage.close()
    expect((await readdir(dir)).sort()).toEqual([docFileName('../../etc/passwd'), docFileName(doc)].sort())
    expect(docFileName('team/ab')).not.toBe(docFileName('team/AB'))
    expect(docFileName('../x')).not.toMatch(/[/\\]|\.\./)
  })

  it('compacts a log to one state that later appends follow', async () => {
    const storage = new FileStorage(dir)
    for (let i = 0; i < 10; i++) await storage.append(doc, bytes(i))
    await storage.compact(doc, bytes(42, 42))
    await storage.append(doc, bytes(7))
    await storage.close()

    const reopened = new FileStorage(dir)
    expect(await reopened.load(doc)).toEqual([bytes(42, 42), bytes(7)])
    await reopened.close()
    expect(await readdir(dir)).toEqual([docFileName(doc)])
  })

  it('discards one document for good, leaves the others, and appends to it afresh after', async () => {
    const storage = new FileStorage(dir)
    await storage.append(doc, bytes(1))
    await storage.append(chat, bytes(9))
    await storage.discard(doc)
    expect(await readdir(dir)).toEqual([docFileName(chat)])
    await storage.append(doc, bytes(2))
    await storage.close()

    const reopened = new FileStorage(dir)
    expect(await reopened.load(doc)).toEqual([bytes(2)])
    expect(await reopened.load(chat)).toEqual([bytes(9)])
    await reopened.discard('team/never-written')
    await reopened.close()
    const neverCreated = new FileStorage(join(dir, 'not-yet'))
    await neverCreated.discard(doc)
    await neverCreated.close()
  })

  it('ignores and truncates a torn tail record without losing earlier records', async () => {
    const path = join(dir, docFileName(doc))
    const whole = [encodeRecord(bytes(1, 1)), encodeRecord(bytes(2, 2, 2))]
    const torn = encodeRecord(bytes(3, 3, 3, 3)).slice(0, 10)
    await writeFile(path, Buffer.concat([...whole, torn]))

    const storage = new FileStorage(dir)
    expect(await storage.load(doc)).toEqual([bytes(1, 1), bytes(2, 2, 2)])
    const intactLength = whole.reduce((sum, record) => sum + record.length, 0)
    expect((await stat(path)).size).toBe(intactLength)
    await storage.append(doc, bytes(4))
    await storage.close()

    const reopened = new FileStorage(dir)
    expect(await reopened.load(doc)).toEqual([bytes(1, 1), bytes(2, 2, 2), bytes(4)])
    await reopened.close()
  })

  it('stops at a record whose checksum does not match', async () => {
    const path = join(dir, docFileName(doc))
    const corrupt = encodeRecord(bytes(5, 5, 5))
    corrupt[corrupt.length - 1] = 6
    await writeFile(path, Buffer.concat([encodeRecord(bytes(1)), corrupt]))

    const storage = new FileStorage(dir)
    expect(await storage.load(doc)).toEqual([bytes(1)])
    await storage.close()
    expect(await readFile(path)).toEqual(Buffer.from(encodeRecord(bytes(1))))
  })

  it('keeps every acknowledged update when the writing process is killed mid-stream', async () => {
    const writer = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../testing/file-store-crash-writer.ts'), dir, doc], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let lastAck = -1
    for await (const line of createInterface({ input: writer.stdout })) {
      lastAck = Number(line.replace('ack ', ''))
      if (lastAck >= 150) {
        writer.kill('SIGKILL')
        break
      }
    }
    await new Promise((resolve) => (writer.exitCode !== null || writer.signalCode !== null ? resolve(null) : writer.once('exit', resolve)))
    expect(writer.signalCode).toBe('SIGKILL')

    const storage = new FileStorage(dir)
    const loaded = await storage.load(doc)
    await storage.close()
    expect(loaded.length).toBeGreaterThan(lastAck)
    loaded.forEach((update, n) => expect(update).toEqual(crashPayload(n)))
  })
})
