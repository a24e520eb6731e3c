// Three members in one call through the real LiveKit SFU (in its own network namespace).
import { expect, test, type Browser, type Page } from '@playwright/test'
import { startSfu, type Sfu } from '../../scripts/livekit/sfu'
import { expectConnection, expectFlowing, expectStopped, inboundStream } from './media-expect'
import { writeFakeVoice } from './fake-voice'
import { launchMemberBrowser, openMember } from './member-browser'
import { sfuUnavailable } from './sfu-available'

test.describe.configure({ mode: 'serial' })
test.skip(sfuUnavailable() !== null, sfuUnavailable() ?? '')

const names = ['ada', 'bob', 'cy'] as const
let sfu: Sfu
const browsers: Browser[] = []
const pages = new Map<string, Page>()
const page = (name: string) => pages.get(name)!

test.beforeAll(async () => {
  sfu = await startSfu()
  const voice = writeFakeVoice()
  for (const name of names) {
    const browser = await launchMemberBrowser({ extraFlags: [`--use-file-for-fake-audio-capture=${voice}`] })
    browsers.push(browser)
    pages.set(name, await openMember(browser, sfu, { identity: name }))
  }
})

test.afterAll(async () => {
  await Promise.all(browsers.map((browser) => browser.close()))
  await sfu?.stop()
})

test('each member receives the others’ audio and video', async () => {
  for (const receiver of names) {
    for (const sender of names.filter((name) => name !== receiver)) {
      await expectFlowing(page(receiver), sender, 'audio')
      await expectFlowing(page(receiver), sender, 'camera')
    }
  }
  const snapshot = await page('ada').evaluate(() => window.hallwayMedia.snapshot())
  expect(snapshot?.remotes.map((remote) => [remote.identity, remote.mic, remote.camera])).toEqual([
    ['bob', true, true],
    ['cy', true, true],
  ])
})

test('speaking and connection quality reach the snapshot as plain data', async () => {
  const bobAsAdaSeesHim = () => page('ada').evaluate(() => window.hallwayMedia.snapshot()?.remotes.find((remote) => remote.identity === 'bob'))
  await expect.poll(async () => (await bobAsAdaSeesHim())?.speaking, { timeout: 15_000 }).toBe(true)
  await expect.poll(async () => (await bobAsAdaSeesHim())?.quality, { timeout: 15_000 }).toMatch(/^(excellent|good)$/)
  await expect.poll(() => page('ada').evaluate(() => window.hallwayMedia.snapshot()?.local.quality), { timeout: 15_000 }).toMatch(/^(excellent|good)$/)
})

test('a guest hears everyone and cannot publish', async () => {
  const guest = await openMember(browsers[0]!, sfu, { identity: 'gus', role: 'guest', mic: false, camera: false })
  await expectConnection(guest, 'connected')
  for (const name of names) await expectFlowing(guest, name, 'audio')
  await expect.poll(() => guest.evaluate(() => [...document.querySelectorAll('audio')].filter((audio) => !audio.paused).length)).toBe(3)
  const published = await guest.evaluate(async () => {
    const call = window.hallwayMedia.call()!
    const refused = await call.setMic(true).then(
      () => 'published',
      () => 'refused',
    )
    return { refused, tracks: call.livekitRoom.localParticipant.trackPublications.size }
  })
  expect(published).toEqual({ refused: 'refused', tracks: 0 })
  const candidates = await guest.evaluate(async () => {
    const addresses: string[] = []
    const receiver = [...window.hallwayMedia.call()!.livekitRoom.remoteParticipants.values()][0]!.audioTrackPublications.values().next().value!.track!.receiver!
    ;(await receiver.getStats()).forEach((entry) => {
      if (entry.type === 'local-candidate') addresses.push(entry.address)
    })
    return addresses
  })
  // A listener captures nothing; its host candidates must still be plain addresses (no mDNS).
  expect(candidates.length).toBeGreaterThan(0)
  expect(candidates.filter((address) => address.endsWith('.local'))).toEqual([])
  await guest.evaluate(() => window.hallwayMedia.leave())
  await guest.close()
})

test('muting the mic stops its audio bytes, unmuting brings them back', async () => {
  await page('ada').evaluate(() => window.hallwayMedia.call()!.setMic(false))
  for (const receiver of ['bob', 'cy']) {
    await expectStopped(page(receiver), 'ada', 'audio')
    expect((await inboundStream(page(receiver), 'ada', 'audio'))?.muted).toBe(true)
  }
  await expectFlowing(page('bob'), 'cy', 'audio')
  await page('ada').evaluate(() => window.hallwayMedia.call()!.setMic(true))
  await expectFlowing(page('bob'), 'ada', 'audio')
  await expectFlowing(page('cy'), 'ada', 'audio')
})

test('a screen share is received, sent for detail at full resolution', async () => {
  await page('bob').evaluate(() => window.hallwayMedia.call()!.setScreenShare(true))
  await expectFlowing(page('ada'), 'bob', 'screen')
  await expectFlowing(page('cy'), 'bob', 'screen')
  const sent = await page('bob').evaluate(() => {
    const publications = [...window.hallwayMedia.call()!.livekitRoom.localParticipant.trackPublications.values()]
    const track = publications.find((publication) => publication.source === 'screen_share')?.track
    return { hint: track?.mediaStreamTrack.contentHint, preference: track?.sender?.getParameters().degradationPreference }
  })
  expect(sent).toEqual({ hint: 'detail', preference: 'maintain-resolution' })
  await page('bob').evaluate(() => window.hallwayMedia.call()!.setScreenShare(false))
  await expect.poll(async () => inboundStream(page('ada'), 'bob', 'screen'), { timeout: 10_000 }).toBeNull()
})

test('leaving frees the tracks on both sides', async () => {
  const after = await page('cy').evaluate(async () => {
    const call = window.hallwayMedia.call()!
    const tracks = [...call.livekitRoom.localParticipant.trackPublications.values()].map((publication) => publication.track?.mediaStreamTrack)
    await window.hallwayMedia.leave()
    return {
      connection: call.snapshot().connection,
      roomState: call.livekitRoom.state,
      liveLocalTracks: tracks.filter((track) => track?.readyState === 'live').length,
      audioElements: document.querySelectorAll('audio').length,
      videoElements: document.querySelectorAll('video').length,
    }
  })
  expect(after).toEqual({ connection: 'left', roomState: 'disconnected', liveLocalTracks: 0, audioElements: 0, videoElements: 0 })
  for (const receiver of ['ada', 'bob']) {
    await expect
      .poll(() => page(receiver).evaluate(() => window.hallwayMedia.snapshot()?.remotes.map((remote) => remote.identity)), { timeout: 10_000 })
      .toEqual([receiver === 'ada' ? 'bob' : 'ada'])
  }
  expect(await inboundStream(page('ada'), 'cy', 'audio')).toBeNull()
})

test('joining from another device moves the call there, with no error on the first', async () => {
  const secondDevice = await openMember(browsers[1]!, sfu, { identity: 'bob' })
  await expectConnection(secondDevice, 'connected')
  await expectConnection(page('bob'), 'moved')
  expect(await page('bob').evaluate(() => window.hallwayMedia.snapshot()?.failure)).toBeNull()
  await expectFlowing(page('ada'), 'bob', 'audio')
  await page('bob').close()
  pages.set('bob', secondDevice)
})

test('after the SFU crashes and comes back, members reconnect with no user action; a failed join retries', async () => {
  const started = Date.now()
  await sfu.kill()
  await expectConnection(page('ada'), 'reconnecting', 10_000)
  const latecomer = await openMember(browsers[2]!, sfu, { identity: 'lee', camera: false })
  await expectConnection(latecomer, 'failed')
  expect(await latecomer.evaluate(() => window.hallwayMedia.snapshot()?.failure)).toBeTruthy()

  await sfu.restart()
  const restartedAt = Date.now()
  for (const name of ['ada', 'bob']) await expectConnection(page(name), 'connected', 30_000)
  await expectFlowing(page('ada'), 'bob', 'audio', 20_000)
  await expectFlowing(page('bob'), 'ada', 'audio', 20_000)
  await expectFlowing(page('ada'), 'bob', 'camera', 20_000)
  console.log(`SFU down for ${restartedAt - started} ms; media flowing again ${Date.now() - restartedAt} ms after it answered`)

  await latecomer.evaluate(() => window.hallwayMedia.call()!.retry())
  await expectConnection(latecomer, 'connected')
  await expectFlowing(latecomer, 'ada', 'audio')
  await expectFlowing(page('bob'), 'lee', 'audio')
})
