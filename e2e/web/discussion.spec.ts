import { expect, test } from './fixtures'

test('a room discussion: a posted message reaches the other member; its author edits and deletes it', async ({ hallway }) => {
  const [ada, bob] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('bob', 'Bob Kahn')])

  await ada.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Discussion' }).click()
  const adaPanel = ada.getByRole('complementary', { name: 'Kitchen discussion' })
  await expect(adaPanel.getByText('No messages yet.')).toBeVisible()
  const composer = adaPanel.getByRole('textbox', { name: 'Message Kitchen' })
  await composer.fill('Lunch at noon?')
  await composer.press('Enter')
  await expect(composer).toHaveValue('')

  await bob.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Discussion' }).click()
  const bobPanel = bob.getByRole('complementary', { name: 'Kitchen discussion' })
  const bobSees = bobPanel.getByRole('listitem').filter({ hasText: 'Lunch at noon?' })
  await expect(bobSees).toContainText('Ada Lovelace')
  // Only the author may change a message.
  await expect(bobSees.getByRole('button', { name: 'Edit' })).toHaveCount(0)

  const adaMessage = adaPanel.getByRole('listitem').filter({ hasText: 'Lunch at noon?' })
  await adaMessage.getByRole('button', { name: 'Edit' }).click()
  const editor = adaPanel.getByRole('textbox', { name: 'Edit message' })
  await editor.fill('Lunch at 12:30?')
  await editor.press('Enter')
  const edited = bobPanel.getByRole('listitem').filter({ hasText: 'Lunch at 12:30?' })
  await expect(edited).toContainText('(edited)')

  await adaPanel.getByRole('listitem').filter({ hasText: 'Lunch at 12:30?' }).getByRole('button', { name: 'Delete' }).click()
  await adaPanel.getByRole('button', { name: 'Delete message' }).click()
  await expect(bobPanel.getByText('Lunch at 12:30?')).toHaveCount(0)
  await expect(bobPanel.getByText('No messages yet.')).toBeVisible()

  await bobPanel.getByRole('button', { name: 'Close discussion' }).click()
  await expect(bobPanel).toHaveCount(0)
})
