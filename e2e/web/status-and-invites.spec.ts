import { expect, test } from './fixtures'

test('do-not-disturb shows on the avatar and turns knocks away; once cleared a knock can be declined', async ({ hallway }) => {
  const [ada, bob] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('bob', 'Bob Kahn')])
  await bob.getByRole('region', { name: 'Focus Room' }).getByRole('button', { name: 'Join' }).click()

  await bob.getByRole('button', { name: 'Set status' }).click()
  const dialog = bob.getByRole('dialog', { name: 'Set status' })
  await dialog.getByRole('textbox', { name: 'Status', exact: true }).fill('Deep work')
  await dialog.getByRole('radio', { name: 'Headphones' }).check()
  await dialog.getByRole('radio', { name: '1 hour' }).check()
  await dialog.getByRole('switch', { name: 'Do not disturb' }).check()
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(bob.getByText('Do not disturb', { exact: true })).toBeVisible()

  const focus = ada.getByRole('region', { name: 'Focus Room' })
  const bobFace = focus.getByRole('img', { name: 'Bob Kahn', exact: true })
  // The marks are drawn from the face's attributes; its tooltip and description say them in words.
  await expect(focus.getByRole('button', { name: 'Bob Kahn', exact: true })).toHaveAttribute('data-dnd', '')
  await expect(bobFace).toHaveAccessibleDescription(/Status: Headphones, Deep work · until .*\. Do not disturb\./)
  await focus.getByRole('button', { name: 'Knock' }).click()
  await expect(ada.getByRole('alert')).toHaveText(/Everyone in Focus Room asked not to be disturbed\. Try again later\./)

  await bob.getByRole('button', { name: 'Set status' }).click()
  await bob.getByRole('dialog', { name: 'Set status' }).getByRole('button', { name: 'Clear status' }).click()
  await expect(focus.getByRole('button', { name: 'Bob Kahn', exact: true })).not.toHaveAttribute('data-dnd')

  await focus.getByRole('button', { name: 'Knock' }).click()
  const bobFocus = bob.getByRole('region', { name: 'Focus Room' })
  await expect(bobFocus.getByText('Ada Lovelace is knocking')).toBeVisible()
  await bobFocus.getByRole('button', { name: 'Not now' }).click()
  await expect(ada.getByRole('alert')).toContainText('Your knock was declined.')
  await expect(focus.getByRole('button', { name: 'Knock' })).toBeVisible()
})

test('profile edits show to others; an accepted invitation walks the member in; a second device can take the call', async ({ hallway }) => {
  const [ada, bob] = await Promise.all([hallway.open('ada', 'Ada Lovelace'), hallway.open('bob', 'Bob Kahn')])

  await bob.getByRole('button', { name: 'Edit profile' }).click()
  const profile = bob.getByRole('dialog', { name: 'Edit profile' })
  await profile.getByRole('textbox', { name: 'Name' }).fill('Bob K.')
  await profile.getByRole('textbox', { name: 'Title' }).fill('Network engineer')
  await profile.getByRole('radio', { name: 'Avatar 7', exact: true }).check()
  await profile.getByRole('button', { name: 'Save' }).click()
  await expect(profile).toHaveCount(0)
  const hallwayList = ada.getByRole('complementary', { name: 'Hallway' })
  await expect(hallwayList.getByRole('img', { name: 'Bob K.' })).toHaveAccessibleDescription(/^Bob K\. — Network engineer\./)

  // Nobody can be invited from the hallway; from a room, everyone elsewhere can (from their card).
  const bobFace = hallwayList.getByRole('button', { name: 'Bob K.', exact: true })
  const card = ada.getByRole('dialog', { name: 'Bob K.' })
  await bobFace.click()
  await expect(card.getByRole('button', { name: 'Invite here' })).toHaveCount(0)
  await card.getByRole('button', { name: 'Close' }).click()
  await ada.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Join' }).click()
  await bobFace.click()
  await card.getByRole('button', { name: 'Invite here' }).click()
  await expect(ada.getByRole('group', { name: 'Invited — waiting for Bob K.' })).toBeVisible()

  const invitation = bob.getByRole('group', { name: 'Ada Lovelace invites you to Kitchen' })
  await expect(invitation).toBeVisible()
  await invitation.getByRole('button', { name: 'Accept' }).click()
  await expect(ada.getByRole('region', { name: 'Kitchen' }).getByRole('img', { name: 'Bob K.' })).toBeVisible()
  await expect(bob.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Leave' })).toBeVisible()
  await expect(invitation).toHaveCount(0)

  // Ada signs in on a second device: it shows where her call is and can move it there.
  const desktop = await hallway.open('ada', 'Ada Lovelace')
  await expect(desktop.getByText("You're in Kitchen on your other device")).toBeVisible()
  await desktop.getByRole('button', { name: 'Move call here' }).click()
  await expect(desktop.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Leave' })).toBeVisible()
  await expect(ada.getByText("You're in Kitchen on your other device")).toBeVisible()
  await expect(ada.getByRole('region', { name: 'Kitchen' }).getByRole('button', { name: 'Join' })).toBeVisible()
})
