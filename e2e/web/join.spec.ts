// Onboarding and photo avatars (issue 12, "Complete"): an invite link opens the join form; a
// picked photo is made into a WebP off the page's thread, stored on the server by its hash and
// shown to everyone as the member's one <img>.
import type { Page } from '@playwright/test'
import { seriousViolations } from './axe'
import { drawPhoto } from './draw-photo'
import { expect, test } from './fixtures'

const PHOTO_URL = /\/api\/avatars\/[0-9a-f]{64}$/

/** The <img> has loaded, and as an atlas-cell-sized picture: the photo reached the browser, not a broken link. */
async function loadedSize(page: Page, name: string): Promise<number> {
  return page
    .getByRole('img', { name, exact: true })
    .first()
    .evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))
}

test('a new person joins from an invite link with a photo; the admin sees them as one <img> named by their name; a reload keeps them in', async ({ hallway }) => {
  test.setTimeout(90_000)
  const admin = await hallway.open('ada', 'Ada Lovelace', 'admin')
  await expect(admin.getByRole('region', { name: 'Kitchen' })).toBeVisible()
  const link = await hallway.inviteLink()

  const joiner = await hallway.visit(Object.fromEntries(link.searchParams))
  await expect(joiner.getByRole('heading', { name: 'Join your team on Hallway' })).toBeVisible()
  for (const colorScheme of ['light', 'dark'] as const) {
    await joiner.emulateMedia({ colorScheme })
    expect(await seriousViolations(joiner), `axe, ${colorScheme}`).toEqual([])
    for (const [width, height] of [[800, 600], [1440, 900]] as const) {
      await joiner.setViewportSize({ width, height })
      await joiner.screenshot({ path: test.info().outputPath(`join-form-${colorScheme}-${width}x${height}.png`) })
    }
  }

  // An empty name is refused on the page, before the invite is spent.
  await joiner.getByRole('button', { name: 'Join' }).click()
  await expect(joiner.getByRole('heading', { name: 'Join your team on Hallway' })).toBeVisible()

  await joiner.getByRole('textbox', { name: 'Your name' }).fill('Grace Hopper')
  const photoInput = joiner.getByLabel('Upload a photo')
  await photoInput.focus()
  await expect(photoInput).toBeFocused()
  await photoInput.setInputFiles({ name: 'grace.png', mimeType: 'image/png', buffer: await drawPhoto(joiner) })
  const photoChoice = joiner.getByRole('radio', { name: 'Your photo' })
  await expect(photoChoice).toBeChecked()
  await joiner.screenshot({ path: test.info().outputPath('join-form-photo-picked.png'), fullPage: true })
  await joiner.getByRole('button', { name: 'Join' }).click()

  // In the office as the new member, named as they typed it, with the photo from the server.
  const grace = joiner.getByRole('img', { name: 'Grace Hopper', exact: true }).first()
  await expect(grace).toHaveAttribute('src', PHOTO_URL)
  await expect(admin.getByRole('img', { name: 'Grace Hopper', exact: true }).first()).toHaveAttribute('src', PHOTO_URL)
  await expect.poll(() => loadedSize(admin, 'Grace Hopper')).toBe(64)
  expect(new URL(joiner.url()).searchParams.get('invite')).toBeNull()
  expect(new URL(joiner.url()).searchParams.get('token')).toBeTruthy()

  await joiner.reload()
  await expect(joiner.getByRole('img', { name: 'Grace Hopper', exact: true }).first()).toHaveAttribute('src', PHOTO_URL)
  await expect(joiner.getByRole('heading', { name: 'Join your team on Hallway' })).toHaveCount(0)
})

test('an invite link the server never issued, or a cut-off one, says so and to ask an admin for a new link', async ({ hallway }) => {
  const unknown = await hallway.visit({ server: hallway.serverUrl, invite: 'A'.repeat(24) })
  await unknown.getByRole('textbox', { name: 'Your name' }).fill('Mallory')
  await unknown.getByRole('button', { name: 'Join' }).click()
  await expect(unknown.getByRole('alert')).toHaveText(/not valid.*Ask a team admin for a new invite link/)
  // The form stays, with the name, for a corrected link to be tried.
  await expect(unknown.getByRole('textbox', { name: 'Your name' })).toHaveValue('Mallory')

  const damaged = await hallway.visit({ server: hallway.serverUrl, invite: 'abc' })
  await expect(damaged.getByRole('alert')).toHaveText(/damaged/)
})

test('a member uploads a photo in Edit profile; another member sees it as an <img> with alt = their name', async ({ hallway }) => {
  const [ada, bob] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('bob', 'Bob Kahn')])
  await bob.getByRole('button', { name: 'Edit profile' }).click()
  const profile = bob.getByRole('dialog', { name: 'Edit profile' })
  await profile.getByLabel('Upload a photo').setInputFiles({ name: 'bob.png', mimeType: 'image/png', buffer: await drawPhoto(bob) })
  await expect(profile.getByRole('radio', { name: 'Your photo' })).toBeChecked()
  await profile.getByRole('button', { name: 'Save' }).click()
  await expect(profile).toHaveCount(0)

  const bobSeenByAda = ada.getByRole('complementary', { name: 'Hallway' }).getByRole('img', { name: 'Bob Kahn', exact: true })
  await expect(bobSeenByAda).toHaveAttribute('src', PHOTO_URL)
  await expect.poll(() => loadedSize(ada, 'Bob Kahn')).toBe(64)

  // A file that is not a picture is refused on the page with a sentence; the photo stays.
  await bob.getByRole('button', { name: 'Edit profile' }).click()
  await profile.getByLabel('Upload a photo').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') })
  await expect(profile.getByRole('alert')).toHaveText(/not a picture/)
  await expect(profile.getByRole('radio', { name: 'Your photo' })).toBeChecked()
})
