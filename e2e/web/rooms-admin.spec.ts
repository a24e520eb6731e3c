import { expect, test } from './fixtures'

test('rooms: an admin creates, renames, reorders and deletes once empty; a member inside locks', async ({ hallway }) => {
  const [ada, bob] = await Promise.all([hallway.open('ada', 'Ada Lovelace', 'admin'), hallway.open('bob', 'Bob Kahn')])

  await ada.getByRole('button', { name: 'New room' }).click()
  const create = ada.getByRole('dialog', { name: 'New room' })
  await create.getByRole('textbox', { name: 'Name' }).fill('Library')
  await create.getByRole('radio', { name: /^Focus/ }).check()
  await create.getByRole('button', { name: 'Create room' }).click()
  await expect(create).toHaveCount(0)
  const library = bob.getByRole('region', { name: 'Library' })
  await expect(library).toContainText('Focus')
  await expect(bob.getByRole('region').last()).toHaveAccessibleName('Library')

  await ada.getByRole('region', { name: 'Library' }).getByRole('button', { name: 'Room options' }).click()
  await ada.getByRole('button', { name: 'Rename' }).click()
  const rename = ada.getByRole('textbox', { name: 'Room name' })
  await rename.fill('Reading Room')
  await rename.press('Enter')
  const reading = bob.getByRole('region', { name: 'Reading Room' })
  await expect(reading).toBeVisible()

  await ada.getByRole('region', { name: 'Reading Room' }).getByRole('button', { name: 'Room options' }).click()
  await ada.getByRole('button', { name: 'Move up' }).click()
  await expect(bob.getByRole('region').last()).not.toHaveAccessibleName('Reading Room')
  await expect(bob.getByRole('region').nth(-2)).toHaveAccessibleName('Reading Room')

  // Bob walks in and locks the door: Ada is kept out with the core's reason.
  await reading.getByRole('button', { name: 'Join' }).click()
  await reading.getByRole('button', { name: 'Lock door' }).click()
  const adaReading = ada.getByRole('region', { name: 'Reading Room' })
  await expect(adaReading.getByText('Locked', { exact: true })).toBeVisible()
  await adaReading.getByRole('button', { name: 'Join' }).click()
  await expect(ada.getByRole('alert')).toContainText('Reading Room is locked. Ask someone inside to open it.')

  // An occupied room is not deleted: the dialog says why.
  await adaReading.getByRole('button', { name: 'Room options' }).click()
  await ada.getByRole('button', { name: 'Delete room' }).click()
  const confirm = ada.getByRole('dialog', { name: 'Delete Reading Room?' })
  await confirm.getByRole('button', { name: 'Delete room' }).click()
  await expect(confirm.getByRole('alert')).toHaveText('Reading Room is in use. Ask everyone to leave it first.')
  await confirm.getByRole('button', { name: 'Cancel' }).click()

  await reading.getByRole('button', { name: 'Open door' }).click()
  await reading.getByRole('button', { name: 'Leave' }).click()
  await expect(adaReading.getByRole('img', { name: 'Bob Kahn' })).toHaveCount(0)
  await adaReading.getByRole('button', { name: 'Room options' }).click()
  await ada.getByRole('button', { name: 'Delete room' }).click()
  await ada.getByRole('dialog', { name: 'Delete Reading Room?' }).getByRole('button', { name: 'Delete room' }).click()
  await expect(reading).toHaveCount(0)
  await expect(ada.getByRole('region', { name: 'Reading Room' })).toHaveCount(0)
})
