// Floors (issue 12): an admin arranges rooms into floors; everyone switches between them by
// keyboard, sees who is on each, and finds empty rooms as one line each.
import { expect, test } from './fixtures'

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

test('a member who may not manage rooms is told so when moving a room to a floor, and nothing moves', async ({ hallway }) => {
  const [bob, cy] = await Promise.all([hallway.open('bob', 'Bob Kahn'), hallway.open('cy', 'Cy Young')])
  await bob.getByRole('region', { name: 'Lobby' }).getByRole('button', { name: 'Room options' }).click()
  await bob.getByRole('button', { name: 'Move to floor…' }).click()
  const move = bob.getByRole('dialog', { name: 'Move Lobby' })
  await move.getByRole('combobox', { name: 'Floor' }).fill('Basement')
  await move.getByRole('button', { name: 'Move room' }).click()
  await expect(move.getByRole('alert')).toHaveText('Only admins may move rooms between floors.')
  await move.getByRole('button', { name: 'Cancel' }).click()
  // A later change by Bob (walking in) reaches Cy, so a wrong floor change would have too.
  await bob.getByRole('region', { name: 'Lobby' }).getByRole('button', { name: 'Join Lobby' }).click()
  await expect(cy.getByRole('region', { name: 'Lobby' }).getByRole('img', { name: 'Bob Kahn' })).toBeVisible()
  await expect(cy.getByRole('navigation', { name: 'Floors' }).getByRole('button')).toHaveText([/Main floor/, 'Rename floor'])
})
