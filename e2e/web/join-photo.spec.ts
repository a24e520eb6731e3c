// First-day defects, round 2 (issue 12): what a real-use pass with three members found, each
// checked as a member meets it, against a real server in Chromium. This file: joining with a photo that
// does not upload.
import { drawPhoto } from './draw-photo'
import { expect, test } from './fixtures'

test('a new member whose photo upload fails is told so and where to try again; the form shows a picked avatar from the start', async ({ hallway }) => {
  const joiner = await hallway.visit(Object.fromEntries((await hallway.inviteLink()).searchParams))
  await expect(joiner.getByRole('heading', { name: 'Join your team on Hallway' })).toBeVisible()
  await expect(joiner.getByRole('radio', { checked: true })).toHaveCount(1)
  const picked = joiner.locator('.avatar-option--picked')
  await expect(picked).toHaveCount(1)
  await joiner.screenshot({ path: test.info().outputPath('join-form-default-avatar.png'), fullPage: true })

  await joiner.getByRole('textbox', { name: 'Your name' }).fill('Grace Hopper')
  await joiner.getByLabel('Upload a photo').setInputFiles({ name: 'grace.png', mimeType: 'image/png', buffer: await drawPhoto(joiner) })
  await expect(joiner.getByRole('radio', { name: 'Your photo' })).toBeChecked()
  // The network drops the upload (a simulated failure at the browser's edge): the invite is already spent.
  await joiner.route('**/api/avatars', (route) => route.abort('internetdisconnected'))
  await joiner.getByRole('button', { name: 'Join' }).click()

  await expect(joiner.getByRole('alert')).toHaveText(
    'Your photo was not saved: the server could not be reached to upload your photo. Check your connection and try again. Try again from Edit profile.',
  )
  const go = joiner.getByRole('button', { name: 'Go to the office' })
  await expect(go).toBeFocused()
  await joiner.screenshot({ path: test.info().outputPath('join-photo-not-saved.png'), fullPage: true })
  await go.click()
  await expect(joiner.getByRole('button', { name: 'Edit profile' })).toBeVisible()
  await expect(joiner.getByRole('img', { name: 'Grace Hopper', exact: true }).first()).toBeVisible()
})
