// A WAV file for Chromium's fake microphone (--use-file-for-fake-audio-capture): bursts of tone
// like speech, loud and long enough for the SFU's active-speaker detection (the built-in fake
// microphone only beeps briefly, which never counts as speaking).
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const RATE = 48_000

export function writeFakeVoice(seconds = 4): string {
  const samples = RATE * seconds
  const data = Buffer.alloc(samples * 2)
  for (let i = 0; i < samples; i++) {
    const t = i / RATE
    const talking = t % 1 < 0.7
    const value = talking ? Math.sin(2 * Math.PI * 220 * t) * 0.5 + Math.sin(2 * Math.PI * 440 * t) * 0.2 : 0
    data.writeInt16LE(Math.round(value * 32767 * 0.8), i * 2)
  }
  const header = Buffer.alloc(44)
  header.write('RIFF', 0)
  header.writeUInt32LE(36 + data.length, 4)
  header.write('WAVE', 8)
  header.write('fmt ', 12)
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(1, 20) // PCM
  header.writeUInt16LE(1, 22) // mono
  header.writeUInt32LE(RATE, 24)
  header.writeUInt32LE(RATE * 2, 28)
  header.writeUInt16LE(2, 32)
  header.writeUInt16LE(16, 34)
  header.write('data', 36)
  header.writeUInt32LE(data.length, 40)
  const file = join(tmpdir(), `hallway-fake-voice-${process.pid}.wav`)
  writeFileSync(file, Buffer.concat([header, data]))
  return file
}
