// Floors (issue 12): an admin arranges rooms into floors; everyone switches between them by
// keyboard, sees who is on each, and finds empty rooms as one line each.
import { expect, test } from './fixtures'
import { hallwayCli } from './hallway-server'

test('an admin moves a room to a new floor and renames it; members switch floors by keyboard and see how many are in each floor\'s rooms', async ({ hallway }) => {
  const [ada, bob] = await Promise.all([hallway.open('ada', 'Ada Lovelace', 'admin'), hallway.open('bob', 'Bob Kahn')])
  const adaFloors = ada.getByRole('navigation', { name: 'Floors' })
  const bobFloors = bob.getByRole('navigation', { name: 'Floors' })
  await expect(bobFloors.getByRole('button', { name: 'Main floor 0 in rooms' })).toHaveAttribute('aria-pressed', 'true')

  await ada.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Room options' }).click()
  await ada.getByRole('button', { name: 'Move to floor…' }).click()
  const move = ada.getByRole('dialog', { name: 'Move Kitchen' })
  await move.getByRole('combobox', { name: 'Floor' }).fill('Roof')
  await move.getByRole('button', { name: 'Move room' }).click()
  await expect(move).toHaveCount(0)

  // Bob's Main floor no longer holds the Kitchen; the Roof does.
  const roof = bobFloors.getByRole('button', { name: 'Roof 0 in rooms' })
  await expect(roof).toHaveAttribute('aria-pressed', 'false')
  await expect(bob.getByRole('region', { name: 'Kitchen' })).toHaveCount(0)
  await expect(bob.getByRole('region', { name: 'Lobby' })).toBeVisible()
  await roof.focus()
  await bob.keyboard.press('Enter')
  await expect(bobFloors.getByRole('button', { name: 'Roof 0 in rooms' })).toHaveAttribute('aria-pressed', 'true')
  await expect(bob.getByRole('region', { name: 'Lobby' })).toHaveCount(0)
  const kitchen = bob.getByRole('region', { name: 'Kitchen' })
  await expect(kitchen).toHaveClass(/room--line/)

  // Walking in makes the room a card, and Ada's switcher counts Bob on the Roof.
  await kitchen.getByRole('button', { name: 'Join Kitchen' }).click()
  await expect(kitchen).not.toHaveClass(/room--line/)
  await expect(kitchen.getByRole('img', { name: 'Bob Kahn' })).toBeVisible()
  await expect(adaFloors.getByRole('button', { name: 'Roof 1 in rooms' })).toBeVisible()

  // Renaming the floor moves its rooms with it; Bob stays on it.
  await adaFloors.getByRole('button', { name: 'Roof 1 in rooms' }).click()
  await adaFloors.getByRole('button', { name: 'Rename floor' }).click()
  const rename = ada.getByRole('dialog', { name: 'Rename Roof' })
  await rename.getByRole('textbox', { name: 'Floor name' }).fill('Terrace')
  await rename.getByRole('button', { name: 'Rename floor' }).click()
  await expect(rename).toHaveCount(0)
  await expect(bobFloors.getByRole('button', { name: 'Terrace 1 in rooms' })).toHaveAttribute('aria-pressed', 'true')
  await expect(bobFloors.getByRole('button', { name: /^Roof/ })).toHaveCount(0)
  await expect(kitchen).toBeVisible()
  await bob.screenshot({ path: test.info().outputPath('floors-bob-1440x900.png') })
})

test('a member who may not manage rooms is offered no room options, New room or Rename floor; once the team lets members manage rooms they appear without a reload', async ({ hallway }) => {
  const [ada, bob] = await Promise.all([hallway.open('ada', 'Ada Lovelace', 'admin'), hallway.open('bob', 'Bob Kahn')])
  const floors = (page: typeof bob) => page.getByRole('navigation', { name: 'Floors' }).getByRole('button')
  // Ada, an admin, has every control: Bob's page has drawn the same office once his floor row is there.
  await expect(floors(ada)).toHaveText([/Main floor/, 'Rename floor', 'New room'])
  await expect(ada.getByRole('button', { name: 'Room options' })).toHaveCount(4)
  await expect(floors(bob)).toHaveText([/Main floor/])
  await expect(bob.getByRole('region', { name: 'Lobby' }).getByRole('button', { name: 'Join Lobby' })).toBeVisible()
  await expect(bob.getByRole('button', { name: 'Room options' })).toHaveCount(0)
  await expect(bob.getByRole('button', { name: 'New room' })).toHaveCount(0)

  await hallwayCli('team', 'settings', '--data', hallway.dataDir, '--team', hallway.teamId, '--members-manage-rooms', 'yes')
  await expect(floors(bob)).toHaveText([/Main floor/, 'Rename floor', 'New room'])
  await expect(bob.getByRole('button', { name: 'Room options' })).toHaveCount(4)
})
