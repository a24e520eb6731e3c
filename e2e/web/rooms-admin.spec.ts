import { expect, test } from './fixtures'

test('rooms: an admin creates, renames, reorders, changes kind and capacity, and deletes once empty (refused up front, naming who is inside); a member inside locks', async ({ hallway }) => {
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
  await ada.getByRole('button', { name: 'Rename', exact: true }).click()
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
  await expect(adaReading.getByRole('button', { name: /^(Join|Knock)/ })).toHaveCount(0)
  await expect(reading.getByRole('button', { name: 'Unlock', exact: true })).toBeVisible()
  await expect(reading.getByRole('button', { name: /Open door|Close door/ })).toHaveCount(0)
  await adaReading.getByRole('heading', { name: 'Reading Room' }).click()
  await expect(ada.getByRole('alert')).toContainText('Reading Room is locked. Ask someone inside to open it.')

  // An occupied room is not deleted: the dialog says who is inside before anything is confirmed.
  await adaReading.getByRole('button', { name: 'Room options' }).click()
  await ada.getByRole('button', { name: 'Delete room' }).click()
  const confirm = ada.getByRole('dialog', { name: 'Delete Reading Room?' })
  await expect(confirm).toHaveAccessibleDescription('Bob Kahn is inside. A room is deleted once everyone has left it.')
  await expect(confirm.getByRole('button', { name: 'Delete room' })).toBeDisabled()
  await confirm.getByRole('button', { name: 'Cancel' }).click()

  // Kind and capacity, from the same menu; Bob sees both change.
  await adaReading.getByRole('button', { name: 'Room options' }).click()
  await ada.getByRole('button', { name: 'Kind and capacity…' }).click()
  const settings = ada.getByRole('dialog', { name: 'Reading Room settings' })
  await settings.getByRole('radio', { name: /^Focus/ }).check()
  await settings.getByRole('spinbutton', { name: 'Capacity (0 for no limit)' }).fill('3')
  await settings.getByRole('button', { name: 'Save' }).click()
  await expect(settings).toHaveCount(0)
  await expect(reading.getByTitle('People in the room / room capacity')).toHaveText('1 / 3')

  // A locked door is the card's one state; unlocked, the card shows the new kind.
  await reading.getByRole('button', { name: 'Unlock', exact: true }).click()
  await expect(reading.getByText('Focus', { exact: true })).toBeVisible()
  await reading.getByRole('button', { name: 'Leave' }).click()
  await expect(adaReading.getByRole('img', { name: 'Bob Kahn' })).toHaveCount(0)
  await adaReading.getByRole('button', { name: 'Room options' }).click()
  await ada.getByRole('button', { name: 'Delete room' }).click()
  await ada.getByRole('dialog', { name: 'Delete Reading Room?' }).getByRole('button', { name: 'Delete room' }).click()
  await expect(reading).toHaveCount(0)
  await expect(ada.getByRole('region', { name: 'Reading Room' })).toHaveCount(0)
})
